import { expect, type Page, test } from "@playwright/test";
import { anaAndBen, backToChats, createUser, openChat, openSettings, sendText, signedInContext, statusOf } from "./fixtures";

/** Opens Settings › Privacy. */
async function openPrivacy(page: Page) {
  await openSettings(page, "Privacy");
  await expect(page.getByRole("radiogroup", { name: "Last seen and online" })).toBeVisible();
}

test("with read receipts off, the other side stays at Delivered; the setting is kept", async ({ browser, baseURL, request }) => {
  const { a, b, ana, close } = await anaAndBen(browser, baseURL as string, request);
  await openPrivacy(b.page);
  // A new account can be added to groups by its contacts only, as in WhatsApp.
  await expect(b.page.getByRole("radiogroup", { name: "Groups" }).getByRole("radio", { name: "My contacts" })).toBeChecked();
  const receipts = b.page.getByRole("switch", { name: "Read receipts" });
  await expect(receipts).toBeChecked();
  await receipts.click();
  await expect(receipts).not.toBeChecked();
  await b.page.getByRole("radiogroup", { name: "Last seen and online" }).getByRole("radio", { name: "My contacts" }).check();
  await backToChats(b.page);
  await openChat(b.page, ana);

  await sendText(a.page, "Did you read this?");
  // Ben has the chat open and sees the message, yet Ana never gets Read, not even once he replies (a reply
  // counts as reading what came before it). His read, then his reply, reach the server in that order, and
  // whatever they tell Ana reaches her in that order too: by the time she sees his reply, a Read would be on
  // screen.
  await expect(b.page.getByRole("log").getByText("Did you read this?")).toBeVisible();
  await expect(statusOf(a.page, "Did you read this?")).toHaveAccessibleName("Delivered");
  await sendText(b.page, "Maybe");
  await expect(a.page.getByRole("log").getByText("Maybe")).toBeVisible();
  await expect(statusOf(a.page, "Did you read this?")).toHaveAccessibleName("Delivered");

  // The settings survive a reload.
  await b.page.reload();
  await openPrivacy(b.page);
  await expect(b.page.getByRole("switch", { name: "Read receipts" })).not.toBeChecked();
  await expect(b.page.getByRole("radiogroup", { name: "Last seen and online" }).getByRole("radio", { name: "My contacts" })).toBeChecked();
  await close();
});

test("a blocked user's message stays at one tick and never appears; unblocking lets them through", async ({
  browser,
  baseURL,
  request,
}) => {
  const { a, b, ana, ben, close } = await anaAndBen(browser, baseURL as string, request);
  const cara = await createUser(request, "Cara");
  const c = await signedInContext(browser, baseURL as string, cara);

  // Ben blocks Ana from her contact info.
  await openChat(b.page, ana);
  await b.page.getByRole("button", { name: "Contact info" }).click();
  await b.page.getByRole("button", { name: "Block Ana" }).click();
  await b.page.getByRole("dialog", { name: "Block Ana?" }).getByRole("button", { name: "Block" }).click();
  await expect(b.page.getByRole("button", { name: "Unblock Ana" })).toBeVisible();
  await b.page.getByRole("button", { name: "Close contact info" }).click();
  await expect(b.page.getByText("You blocked Ana.")).toBeVisible();
  await expect(b.page.getByRole("textbox", { name: "Message" })).toHaveCount(0);

  await sendText(a.page, "Hello? Are you ignoring me?");
  await expect(statusOf(a.page, "Hello? Are you ignoring me?")).toHaveAccessibleName("Sent");
  // Cara, whom Ben didn't block, still reaches him.
  await openChat(c.page, ben);
  await sendText(c.page, "Hi Ben, Cara here");
  await b.page.getByRole("searchbox", { name: "Search or start a new chat" }).fill("");
  await expect(b.page.getByRole("button", { name: /^Cara/ }).first()).toContainText("Hi Ben, Cara here");
  await expect(b.page.getByRole("log").getByText("Hello? Are you ignoring me?")).toHaveCount(0);
  await expect(statusOf(a.page, "Hello? Are you ignoring me?")).toHaveAccessibleName("Sent");

  // Blocked contacts lists Ana; unblocking there lets her next message through.
  await openPrivacy(b.page);
  await b.page.getByRole("button", { name: "Blocked contacts" }).click();
  await b.page.getByRole("button", { name: "Unblock Ana" }).click();
  await expect(b.page.getByText("No blocked contacts")).toBeVisible();
  await sendText(a.page, "Back on speaking terms");
  await backToChats(b.page);
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(b.page.getByRole("log").getByText("Back on speaking terms")).toBeVisible();
  await expect(b.page.getByRole("log").getByText("Hello? Are you ignoring me?")).toHaveCount(0);
  await c.context.close();
  await close();
});

test("a stranger's message is a request: no Delivered until it's accepted, and it can be reported", async ({
  browser,
  baseURL,
  request,
}) => {
  const [dan, eve] = [await createUser(request, "Dan"), await createUser(request, "Eve")];
  const d = await signedInContext(browser, baseURL as string, dan);
  const e = await signedInContext(browser, baseURL as string, eve);
  await openChat(d.page, eve);
  await sendText(d.page, "Hi Eve, I found your wallet");
  await sendText(d.page, "Where can I leave it?");

  const row = e.page.getByRole("button", { name: /Dan/ }).first();
  await expect(row).toContainText("Message request");
  await row.click();
  await expect(e.page.getByRole("log").getByText("Where can I leave it?")).toBeVisible();
  const banner = e.page.getByRole("region", { name: "Message request" });
  await expect(banner).toContainText("Dan isn't in your contacts");
  // Eve has it on screen, but Dan's ticks don't move until she accepts. Whatever her screen reported went
  // to the server before Dan's next message did, so any Read or Delivered it caused reaches Dan before that
  // message's ack (its one tick).
  await sendText(d.page, "Hello?");
  await expect(e.page.getByRole("log").getByText("Hello?")).toBeVisible();
  await expect(statusOf(d.page, "Hello?")).toHaveAccessibleName("Sent");
  await expect(statusOf(d.page, "Where can I leave it?")).toHaveAccessibleName("Sent");
  // Dan is told why.
  const pending = d.page.getByRole("note").filter({ hasText: "Eve hasn't accepted your message request" });
  await expect(pending).toBeVisible();

  await banner.getByRole("button", { name: "Accept" }).click();
  await expect(banner).toHaveCount(0);
  await expect(statusOf(d.page, "Where can I leave it?")).toHaveAccessibleName("Read");
  await expect(pending).toBeHidden();

  // Reporting sends the chat to the admins (and here blocks Dan too).
  await e.page.getByRole("button", { name: "Contact info" }).click();
  await e.page.getByRole("button", { name: "Report Dan" }).click();
  const dialog = e.page.getByRole("dialog", { name: "Report Dan" });
  await dialog.getByRole("textbox", { name: "Reason (optional)" }).fill("Sounds like a scam");
  await expect(dialog.getByRole("checkbox", { name: "Block Dan" })).toBeChecked();
  await dialog.getByRole("button", { name: "Report" }).click();
  await expect(e.page.getByRole("status").filter({ hasText: "Dan was reported and blocked" })).toBeVisible();
  await expect(e.page.getByRole("button", { name: "Unblock Dan" })).toBeVisible();
  await d.context.close();
  await e.context.close();
});

test("a stranger can't browse the people on the server: they find someone only by their whole username", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, cara] = [await createUser(request, "Ana"), await createUser(request, "Cara")];
  const c = await signedInContext(browser, baseURL as string, cara);
  await c.page.getByRole("button", { name: "New chat" }).click();
  const search = c.page.getByRole("searchbox", { name: "Search name or username" });
  const people = c.page.getByRole("list", { name: "People" });
  // Nobody listed, whatever their name: every test here signs up an "Ana".
  await expect(c.page.getByText("Nobody to show yet: type someone's whole username to find them")).toBeVisible();
  await search.fill("Ana");
  await expect(c.page.getByText(/No people found for “Ana”/)).toBeVisible();
  await search.fill(ana.username.slice(0, -1));
  await expect(c.page.getByText(/No people found/)).toBeVisible();
  await search.fill(`@${ana.username}`);
  await expect(people.getByRole("button")).toHaveCount(1);
  await people.getByRole("button", { name: /Ana/ }).click();
  await expect(c.page.getByRole("region", { name: "Chat with Ana" })).toBeVisible();
  await c.context.close();
});
