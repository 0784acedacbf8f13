// The chat list and opening a chat as a daily user meets them: All / Unread / Groups filters, a chat that
// opens at its first unread message under an "N unread messages" divider, "Draft:" for text left unsent, and
// the chat header's menu.
import { expect, test } from "@playwright/test";
import { befriend, createUser, openChat, sendText, signedInContext } from "./fixtures";

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

  const chats = b.page.getByRole("list", { name: "Chats" });
  /** A chat's row (not its options button). */
  const row = (name: string) => chats.getByRole("button", { name: new RegExp(`^${name}'s avatar`) });
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
