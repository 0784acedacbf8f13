// The chat list and opening a chat as a daily user meets them: All / Unread / Groups filters, a chat that
// opens at its first unread message under an "N unread messages" divider, "Draft:" for text left unsent, and
// the chat header's menu; managing chats (mark unread, clear, delete) and selecting several messages.
import { expect, type Page, test } from "@playwright/test";
import { act, anaAndBen, befriend, bubble, createUser, openChat, sendText, signedInContext } from "./fixtures";

/** A chat's row in the list (not its options button). */
const chatRow = (page: Page, name: string) =>
  page.getByRole("list", { name: "Chats" }).getByRole("button", { name: new RegExp(`^${name}'s avatar`) });

test("filters, the unread divider where a chat opens, and drafts kept while another chat is open", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, ben, cy] = [await createUser(request, "Ana"), await createUser(request, "Ben"), await createUser(request, "Cy")];
  await befriend(request, ana, ben);
  await befriend(request, cy, ben);
  const a = await signedInContext(browser, baseURL as string, ana);
  const b = await signedInContext(browser, baseURL as string, ben);
  await openChat(a.page, ben);
  for (const text of ["one", "two", "three"]) await sendText(a.page, text);

  const row = (name: string) => chatRow(b.page, name);
  const filters = b.page.getByRole("group", { name: "Filter chats" });
  await expect(row("Ana")).toBeVisible();
  await filters.getByRole("button", { name: "Unread" }).click();
  await expect(row("Ana")).toBeVisible();
  await expect(row("Cy")).toBeHidden();
  await filters.getByRole("button", { name: "Groups" }).click();
  await expect(b.page.getByText("No groups yet")).toBeVisible();
  await b.page.getByRole("button", { name: "View all chats" }).click();
  await expect(filters.getByRole("button", { name: "All" })).toHaveAttribute("aria-pressed", "true");

  // Opening the chat: the divider sits above the first unread message.
  await row("Ana").click();
  const log = b.page.getByRole("log");
  await expect(b.page.getByTestId("unread-divider")).toHaveText("3 unread messages");
  const [divider, first] = await Promise.all([
    b.page.getByTestId("unread-divider").boundingBox(),
    log.getByText("one", { exact: true }).boundingBox(),
  ]);
  expect(divider && first && divider.y < first.y).toBe(true);
  // Read now: the Unread filter no longer lists it.
  await filters.getByRole("button", { name: "Unread" }).click();
  await expect(row("Ana")).toBeHidden();
  await filters.getByRole("button", { name: "All" }).click();

  // A draft stays with its chat while another is open, and the list says so.
  await b.page.getByRole("textbox", { name: "Message" }).fill("half a thought");
  await row("Cy").click();
  await expect(row("Ana")).toContainText("Draft: half a thought");
  await row("Ana").click();
  await expect(b.page.getByRole("textbox", { name: "Message" })).toHaveValue("half a thought");

  // The chat header's menu: pin the chat, then close it.
  await b.page.getByRole("button", { name: "More options" }).click();
  await b.page.getByRole("menuitem", { name: "Pin chat" }).click();
  await expect(row("Ana").getByRole("img", { name: "Pinned" })).toBeVisible();
  await b.page.getByRole("button", { name: "More options" }).click();
  await b.page.getByRole("menuitem", { name: "Close chat" }).click();
  await expect(b.page.getByRole("region", { name: "Chat with Ana" })).toBeHidden();
  await a.context.close();
  await b.context.close();
});

test("mark as unread, copy, select messages to star or delete, clear and delete a chat", async ({ browser, baseURL, request }) => {
  const { a, b, close } = await anaAndBen(browser, baseURL as string, request);
  for (const text of ["first", "second", "third"]) await sendText(a.page, text);
  await chatRow(b.page, "Ana").click();
  const log = b.page.getByRole("log");
  await expect(log.getByText("third", { exact: true })).toBeVisible();

  // Mark as unread from the row's menu: a badge and the Unread filter, until the chat is opened again.
  const menu = async (item: string) => {
    await chatRow(b.page, "Ana").hover();
    await b.page.getByRole("button", { name: "Chat options for Ana" }).click();
    await b.page.getByRole("menuitem", { name: item, exact: true }).click();
  };
  await b.page.getByRole("button", { name: "More options" }).click();
  await b.page.getByRole("menuitem", { name: "Close chat" }).click();
  await menu("Mark as unread");
  await expect(chatRow(b.page, "Ana").getByRole("img", { name: "Marked as unread" })).toBeVisible();
  await b.page.getByRole("group", { name: "Filter chats" }).getByRole("button", { name: "Unread" }).click();
  await expect(chatRow(b.page, "Ana")).toBeVisible();
  await b.page.getByRole("group", { name: "Filter chats" }).getByRole("button", { name: "All" }).click();
  await chatRow(b.page, "Ana").click();
  await expect(chatRow(b.page, "Ana").getByRole("img", { name: "Marked as unread" })).toBeHidden();

  // Copy puts the text on the clipboard.
  await b.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await act(b.page, "second", "Copy");
  await expect(b.page.getByRole("status").filter({ hasText: "Message copied" })).toBeVisible();
  expect(await b.page.evaluate(() => navigator.clipboard.readText())).toBe("second");

  // Select messages: star two at once, then delete one for me.
  await b.page.getByRole("button", { name: "More options" }).click();
  await b.page.getByRole("menuitem", { name: "Select messages" }).click();
  const bar = b.page.getByRole("toolbar", { name: "Selected messages" });
  await expect(bar).toContainText("0 selected");
  await log.getByRole("checkbox", { name: "Select message: first" }).check();
  await log.getByRole("checkbox", { name: "Select message: third" }).check();
  await expect(bar).toContainText("2 selected");
  await bar.getByRole("button", { name: "Star selected" }).click();
  await expect(bar).toBeHidden();
  await expect(bubble(b.page, "first").getByRole("img", { name: "Starred" })).toBeVisible();
  await expect(bubble(b.page, "third").getByRole("img", { name: "Starred" })).toBeVisible();
  await expect(bubble(b.page, "second").getByRole("img", { name: "Starred" })).toBeHidden();
  await act(b.page, "first", "Select");
  await bar.getByRole("button", { name: "Delete selected" }).click();
  await b.page.getByRole("dialog", { name: "Delete message?" }).getByRole("button", { name: "Delete for me" }).click();
  await expect(log.getByText("first", { exact: true })).toBeHidden();
  await expect(b.page.getByRole("textbox", { name: "Message" })).toBeVisible();

  // Clear chat: gone for Ben, on his side only.
  await b.page.getByRole("button", { name: "More options" }).click();
  await b.page.getByRole("menuitem", { name: "Clear chat" }).click();
  await b.page.getByRole("dialog", { name: "Clear this chat?" }).getByRole("button", { name: "Clear chat" }).click();
  await expect(log.getByText("third", { exact: true })).toBeHidden();
  await expect(a.page.getByRole("log").getByText("third", { exact: true })).toBeVisible();

  // Delete chat: out of the list and closed, back with the next message only.
  await menu("Delete chat");
  await b.page.getByRole("dialog", { name: "Delete chat with Ana?" }).getByRole("button", { name: "Delete chat" }).click();
  await expect(chatRow(b.page, "Ana")).toBeHidden();
  await expect(b.page.getByRole("region", { name: "Chat with Ana" })).toBeHidden();
  await sendText(a.page, "back again");
  await expect(chatRow(b.page, "Ana")).toContainText("back again");
  await chatRow(b.page, "Ana").click();
  await expect(log.getByText("back again", { exact: true })).toBeVisible();
  await expect(log.locator("[data-message]")).toHaveCount(1);
  await close();
});
