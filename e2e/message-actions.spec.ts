import { expect, type Page, test } from "@playwright/test";
import { act, anaAndBen, apiHeaders, bubble, createUser, openChat, sendText } from "./fixtures";

test("reply to a message, then jump to a quoted message far back in history", async ({ browser, baseURL, request }) => {
  const { ana, ben, a, b, close } = await anaAndBen(browser, baseURL as string, request);
  // A chat from before encryption: Ana's question (Ben reads it), eighty messages of Ben's, then Ana's that quotes the first.
  const [headers, bens] = [await apiHeaders(request, ana), await apiHeaders(request, ben)];
  const chats = await (await request.get("/api/v1/conversations", { headers })).json();
  const chat = chats.conversations.find((c: { peer: { id: string } | null }) => c.peer?.id === ben.userId).id;
  const post = (id: string, text: string, replyTo?: number, as = headers) =>
    request.post("/api/v1/messages", { headers: as, data: { id: `${id}-${Date.now()}`, conversationId: chat, text, replyTo } });
  await post("question", "Where shall we meet?");
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(bubble(b.page, "Where shall we meet?")).toBeVisible();
  for (let i = 0; i < 80; i++) await post(`filler-${i}`, `filler ${i}`, undefined, bens);
  await post("callback", "Still the plan?", 1);
  await b.page.reload();
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  const callback = bubble(b.page, "Still the plan?");
  await expect(callback).toBeVisible();
  // The original itself (not a quote of it) isn't loaded yet: Ben goes to it from the quote.
  const original = b.page
    .getByRole("log")
    .locator("[data-message]", { hasText: "Where shall we meet?", hasNot: b.page.getByRole("button", { name: /^Quoted message/ }) });
  await expect(original).toHaveCount(0);
  await callback.getByRole("button", { name: /Quoted message from Ana: Where shall we meet\?/ }).click();
  await expect(original).toBeInViewport();

  // Ben replies to it (encrypted from here on: the quote travels inside) and Ana sees the quote.
  await act(b.page, "Where shall we meet?", "Reply");
  await expect(b.page.getByRole("group", { name: "Replying to" })).toContainText("Where shall we meet?");
  await sendText(b.page, "At the station");
  const reply = bubble(a.page, "At the station");
  await expect(reply.getByRole("button", { name: /Quoted message from You: Where shall we meet\?/ })).toBeVisible();
  await close();
});

test("react, and see the other's reaction arrive and change live", async ({ browser, baseURL, request }) => {
  const { a, b, close } = await anaAndBen(browser, baseURL as string, request);
  await sendText(a.page, "Passed my exam!");
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await act(b.page, "Passed my exam!", "React");
  await b.page.getByRole("dialog", { name: "React to message" }).getByRole("button", { name: "React with ❤️" }).click();
  await expect(bubble(a.page, "Passed my exam!").locator("..").getByRole("button", { name: "Reactions: ❤️ 1" })).toBeVisible();

  await act(b.page, "Passed my exam!", "React");
  await b.page.getByRole("dialog", { name: "React to message" }).getByRole("button", { name: "React with 😂" }).click();
  const reactions = a.page.getByRole("button", { name: "Reactions: 😂 1" });
  await expect(reactions).toBeVisible();
  await reactions.click();
  await expect(a.page.getByRole("dialog", { name: "Who reacted" })).toContainText("Ben");
  await close();
});

test("edit a message: both see the new text marked Edited, with its history", async ({ browser, baseURL, request }) => {
  const { a, b, close } = await anaAndBen(browser, baseURL as string, request);
  await sendText(a.page, "See you at 5");
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(bubble(b.page, "See you at 5")).toBeVisible();

  await act(a.page, "See you at 5", "Edit");
  const dialog = a.page.getByRole("dialog", { name: "Edit message" });
  await dialog.getByRole("textbox", { name: "Edited message" }).fill("See you at 6");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  for (const page of [a.page, b.page]) {
    await expect(bubble(page, "See you at 6").getByRole("button", { name: "Edited" })).toBeVisible();
    await expect(page.getByRole("log").locator("[data-message]", { hasText: "See you at 5" })).toHaveCount(0);
  }
  await bubble(b.page, "See you at 6").getByRole("button", { name: "Edited" }).click();
  await expect(b.page.getByRole("dialog", { name: "Edit history" })).toContainText("See you at 5");
  await close();
});

test("delete for everyone: the placeholder shows on both sides", async ({ browser, baseURL, request }) => {
  const { a, b, close } = await anaAndBen(browser, baseURL as string, request);
  await sendText(a.page, "Oops, wrong chat");
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(bubble(b.page, "Oops, wrong chat")).toBeVisible();
  await act(a.page, "Oops, wrong chat", "Delete");
  await a.page.getByRole("dialog", { name: "Delete message?" }).getByRole("button", { name: "Delete for everyone" }).click();
  await expect(a.page.getByRole("log").getByText("You deleted this message")).toBeVisible();
  await expect(b.page.getByRole("log").getByText("This message was deleted")).toBeVisible();
  for (const page of [a.page, b.page]) await expect(page.getByRole("log").getByText("Oops, wrong chat")).toHaveCount(0);
  await close();
});

test("forward a message five hops: Forwarded many times, then one chat at a time", async ({ browser, baseURL, request }) => {
  test.setTimeout(90_000);
  const { ben, a, b, close } = await anaAndBen(browser, baseURL as string, request);
  const cid = await createUser(request, "Cid");
  await openChat(a.page, cid);
  await sendText(a.page, "Hi Cid");
  await openChat(a.page, ben);
  await sendText(a.page, "Chain letter");

  // Ana and Ben forward it back and forth in their chat: each copy counts one more hop.
  const forward = async (page: Page, to: string) => {
    await act(page, "Chain letter", "Forward");
    const dialog = page.getByRole("dialog", { name: "Forward message to" });
    await dialog.locator("label", { hasText: to }).click();
    await dialog.getByRole("button", { name: "Forward" }).click();
    await expect(dialog).toBeHidden();
  };
  await forward(a.page, "Ben");
  await expect(bubble(a.page, "Chain letter").getByText("Forwarded", { exact: true })).toBeVisible();
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  for (let hop = 2; hop <= 5; hop++) {
    const page = hop % 2 === 0 ? b.page : a.page;
    // The copy the other side just made has arrived (the original and hop - 1 copies), so it is the last one.
    await expect(page.getByRole("log").locator("[data-message]", { hasText: "Chain letter" })).toHaveCount(hop);
    await expect(
      bubble(page, "Chain letter").getByText(hop - 1 >= 5 ? "Forwarded many times" : "Forwarded", { exact: true }),
    ).toBeVisible();
    await forward(page, hop % 2 === 0 ? "Ana" : "Ben");
  }
  for (const page of [a.page, b.page]) await expect(bubble(page, "Chain letter").getByText("Forwarded many times")).toBeVisible();

  // Now it goes to one chat at a time: choosing another chat replaces the first.
  await act(a.page, "Chain letter", "Forward");
  const dialog = a.page.getByRole("dialog", { name: "Forward message to" });
  await expect(dialog).toContainText("you can send it to one chat at a time");
  await dialog.locator("label", { hasText: "Ben" }).click();
  await dialog.locator("label", { hasText: "Cid" }).click();
  await expect(dialog.getByRole("radio", { name: "Ben" })).not.toBeChecked();
  await dialog.getByRole("button", { name: "Forward" }).click();
  await expect(dialog).toBeHidden();
  await openChat(a.page, cid);
  await expect(bubble(a.page, "Chain letter").getByText("Forwarded many times")).toBeVisible();
  await close();
});

test("search finds an old message, marks the words, and jumps to it", async ({ browser, baseURL, request }) => {
  const { ana, ben, a, b, close } = await anaAndBen(browser, baseURL as string, request);
  const headers = await apiHeaders(request, ana);
  const chats = await (await request.get("/api/v1/conversations", { headers })).json();
  const chat = chats.conversations.find((c: { peer: { id: string } | null }) => c.peer?.id === ben.userId).id;
  const send = (id: string, text: string) => request.post("/api/v1/messages", { headers, data: { id, conversationId: chat, text } });
  await send(`zebra-${Date.now()}`, "The zebra crossing is on Main Street");
  for (let i = 0; i < 80; i++) await send(`later-${Date.now()}-${i}`, `later ${i}`);
  await b.page.reload();
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  // The chat opens at its first unread message, the zebra crossing, 80 messages above the latest.
  await expect(b.page.getByTestId("unread-divider")).toHaveText("81 unread messages");
  await b.page.getByRole("button", { name: "Scroll to latest" }).click();
  await expect(bubble(b.page, "later 79")).toBeVisible();

  await b.page.getByRole("button", { name: "Search messages" }).click();
  await b.page.getByRole("searchbox", { name: "Search messages" }).fill("zebra cross");
  const results = b.page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("button")).toHaveCount(1);
  await expect(results.locator("mark")).toHaveText(["zebra", "cross"]);
  await results.getByRole("button").click();
  await expect(b.page.getByRole("region", { name: "Search messages" })).toBeHidden();
  await expect(bubble(b.page, "The zebra crossing")).toBeInViewport();

  // From the main search box too, across chats.
  await a.page.getByRole("searchbox", { name: "Search or start a new chat" }).fill("zebra");
  await a.page
    .getByRole("list", { name: "Messages" })
    .getByRole("button", { name: /zebra crossing/ })
    .click();
  await expect(bubble(a.page, "The zebra crossing")).toBeInViewport();
  await close();
});

test("star a message into Starred messages; pin a message; pin, mute and archive a chat", async ({ browser, baseURL, request }) => {
  const { a, b, close } = await anaAndBen(browser, baseURL as string, request);
  await sendText(a.page, "Door code 4821");
  await act(a.page, "Door code 4821", "Pin");
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(b.page.getByRole("button", { name: "Pinned message: Door code 4821. Go to message" })).toBeVisible();
  await b.page.getByRole("button", { name: "Unpin" }).click();
  await expect(a.page.getByRole("button", { name: /^Pinned message/ })).toBeHidden();
  await act(a.page, "Door code 4821", "Star");
  await expect(bubble(a.page, "Door code 4821").getByRole("img", { name: "Starred" })).toBeVisible();
  await a.page.getByRole("button", { name: "Menu" }).click();
  await a.page.getByRole("menuitem", { name: "Starred messages" }).click();
  await expect(a.page.getByRole("list", { name: "Starred messages" })).toContainText("Door code 4821");
  await a.page.getByRole("button", { name: "Back" }).click();

  const options = a.page.getByRole("button", { name: "Chat options for Ben" });
  await options.click();
  await a.page.getByRole("menuitem", { name: "Pin chat" }).click();
  await expect(a.page.getByRole("list", { name: "Chats" }).getByRole("img", { name: "Pinned" })).toBeVisible();
  await options.click();
  await a.page.getByRole("menuitem", { name: "Mute for 8 hours" }).click();
  await expect(a.page.getByRole("list", { name: "Chats" }).getByRole("img", { name: "Muted" })).toBeVisible();
  await options.click();
  await a.page.getByRole("menuitem", { name: "Archive chat" }).click();
  await expect(a.page.getByRole("list", { name: "Chats" })).toHaveCount(0);
  await a.page.getByRole("button", { name: "Archived, 1 chat" }).click();
  await expect(a.page.getByRole("list", { name: "Chats" }).getByText("Ben")).toBeVisible();
  await close();
});
