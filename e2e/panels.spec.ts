// Side panels and dialogs as WhatsApp Web's: contact info and search open as a third column beside the chat
// on a wide screen and over it on a narrow one; focus moves into a panel or dialog when it opens, Escape closes
// it, and focus goes back to the control that opened it.
import { expect, test } from "@playwright/test";
import { act, anaAndBen, bubble, sendText } from "./fixtures";

test("contact info and search sit beside the chat, Escape closes them and focus comes back", async ({ browser, baseURL, request }) => {
  const { a, close } = await anaAndBen(browser, baseURL as string, request);
  const page = a.page;
  await sendText(page, "Where is the lamp?");
  const chat = page.getByRole("region", { name: "Chat with Ben" });

  // Wide: the panel is a third column, the chat stays usable beside it.
  await page.setViewportSize({ width: 1400, height: 800 });
  const info = page.getByRole("button", { name: "Contact info" });
  await info.click();
  const panel = page.getByRole("region", { name: "Contact info for Ben" });
  await expect(panel).toBeVisible();
  await expect(chat).toBeVisible();
  const [c, p] = [await chat.boundingBox(), await panel.boundingBox()];
  expect(c && p && p.x >= c.x + c.width - 1).toBe(true);
  await expect(panel.getByRole("button", { name: "Close contact info" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(info).toBeFocused();

  // Search: focus goes to its field.
  await page.getByRole("button", { name: "Search messages" }).click();
  const search = page.getByRole("region", { name: "Search messages" });
  await expect(search.getByRole("searchbox", { name: "Search messages" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(search).toBeHidden();

  // Narrow: over the chat.
  await page.setViewportSize({ width: 900, height: 800 });
  await info.click();
  const [c2, p2] = [await chat.boundingBox(), await panel.boundingBox()];
  expect(c2 && p2 && p2.x < c2.x + c2.width && p2.x + p2.width > c2.x).toBe(true);
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  // A dialog (Forward): focus in it, Escape closes it, back on the message's options button.
  await act(page, "Where is the lamp?", "Forward");
  const dialog = page.getByRole("dialog", { name: "Forward message to" });
  await expect(dialog.getByRole("textbox", { name: "Search chats" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(bubble(page, "Where is the lamp?").getByRole("button", { name: "Message options" })).toBeFocused();
  await close();
});
