// The composer's everyday tools: the emoji picker (searchable, served by this server, remembering the emojis
// used last) puts an emoji where the caret is, and the reaction picker's "+" reacts with any emoji; "@" in a group
// suggests members by name, and their mention shows as their name.
import { expect, test } from "@playwright/test";
import { act, apiHeaders, befriend, bubble, createUser, openChat, signedInContext } from "./fixtures";

test("the emoji picker inserts at the caret and remembers what was used; any emoji can be a reaction", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, ben] = [await createUser(request, "Ana"), await createUser(request, "Ben")];
  await befriend(request, ana, ben);
  const a = await signedInContext(browser, baseURL as string, ana);
  await openChat(a.page, ben);
  const box = a.page.getByRole("textbox", { name: "Message" });
  await box.fill("Happy birthday!");
  await box.press("Home");

  await a.page.getByRole("button", { name: "Emoji", exact: true }).click();
  const picker = a.page.getByRole("dialog", { name: "Emoji" });
  await picker.getByRole("searchbox", { name: "Search emoji" }).fill("party popper");
  await picker.getByRole("gridcell", { name: "party popper" }).click();
  await expect(box).toHaveValue("🎉Happy birthday!");
  await a.page.keyboard.press("Escape");
  await expect(picker).toBeHidden();
  await expect(box).toBeFocused();
  await box.press("Enter");
  await expect(bubble(a.page, "🎉Happy birthday!")).toBeVisible();

  // Used once: it heads the Recent row the next time.
  await a.page.getByRole("button", { name: "Emoji", exact: true }).click();
  await expect(picker.getByRole("group", { name: "Recent emoji" }).getByRole("button").first()).toHaveAccessibleName("🎉");
  await a.page.keyboard.press("Escape");

  // "+" in the reaction picker: any emoji.
  await act(a.page, "🎉Happy birthday!", "React");
  await a.page.getByRole("dialog", { name: "React to message" }).getByRole("button", { name: "More reactions" }).click();
  const more = a.page.getByRole("dialog", { name: "React with any emoji" });
  await more.getByRole("searchbox", { name: "Search emoji" }).fill("fire");
  await more.getByRole("gridcell", { name: "Fire", exact: true }).click();
  await expect(a.page.getByRole("button", { name: "Reactions: 🔥 1" })).toBeVisible();
  await a.context.close();
});

test("in a group, @ suggests members by name; the mention shows as their name in the bubble and the chat list", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, cid] = [await createUser(request, "Ana"), await createUser(request, "Cid Lima")];
  await befriend(request, ana, cid);
  const group = await request.post("/api/v1/groups", {
    data: { name: "Climbing", participants: [cid.userId] },
    headers: await apiHeaders(request, ana),
  });
  expect(group.ok()).toBe(true);
  const [a, c] = [await signedInContext(browser, baseURL as string, ana), await signedInContext(browser, baseURL as string, cid)];
  await a.page
    .getByRole("button", { name: /Climbing/ })
    .first()
    .click();
  const box = a.page.getByRole("textbox", { name: "Message" });
  await box.pressSequentially("Ready, @li");
  const suggestions = a.page.getByRole("listbox", { name: "Mention someone" });
  await expect(suggestions.getByRole("option", { name: /Cid Lima/ })).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(box).toHaveValue(`Ready, @${cid.username} `);
  await expect(suggestions).toBeHidden();
  await box.pressSequentially("?");
  await box.press("Enter");

  await expect(bubble(a.page, "Ready, @Cid Lima ?")).toBeVisible();
  await expect(
    c.page
      .getByRole("list", { name: "Chats" })
      .getByRole("button", { name: /Climbing/ })
      .first(),
  ).toContainText("@Cid Lima");
  await c.page
    .getByRole("button", { name: /Climbing/ })
    .first()
    .click();
  await expect(bubble(c.page, "Ready, @Cid Lima ?")).toBeVisible();
  await a.context.close();
  await c.context.close();
});
