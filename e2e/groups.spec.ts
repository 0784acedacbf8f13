import { expect, type Page, test } from "@playwright/test";
import { befriend, createUser, type E2EUser, openChat, sendText, signedInContext, statusOf, tinyPng } from "./fixtures";

async function pick(page: Page, user: E2EUser) {
  await page.getByRole("searchbox", { name: "Search name or username" }).fill(user.username);
  // Until the search answers, the list still shows everyone (other tests' people called Ben too).
  await page
    .getByRole("list", { name: "People" })
    .getByRole("listitem")
    .filter({ hasText: `@${user.username}` })
    .getByRole("checkbox", { name: user.displayName })
    .check();
}

const iconFile = { name: "icon.png", mimeType: "image/png", buffer: tinyPng };
const iconSrc = /\/api\/v1\/groups\/.+\/avatar\?v=/;

test("three people run a group: icon, ticks that wait for everyone, mentions, message info, and a removed member can't send", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, ben, cid] = [await createUser(request, "Ana"), await createUser(request, "Ben"), await createUser(request, "Cid")];
  // Only contacts may add someone to a group by default: Ana's friends are Ben and Cid.
  await befriend(request, ana, ben);
  await befriend(request, ana, cid);
  const a = await signedInContext(browser, baseURL as string, ana);
  const b = await signedInContext(browser, baseURL as string, ben);
  const c = await signedInContext(browser, baseURL as string, cid);
  const name = `Climbing ${Date.now().toString(36)}`;

  await a.page.getByRole("button", { name: "New group" }).click();
  await pick(a.page, ben);
  await pick(a.page, cid);
  await a.page.getByRole("button", { name: "Next" }).click();
  await a.page.getByLabel("Group name").fill(name);
  await a.page.getByLabel("Group icon file").setInputFiles(iconFile);
  await expect(a.page.getByRole("button", { name: "Remove group icon" })).toBeVisible();
  await a.page.getByRole("button", { name: "Create group" }).click();
  await expect(a.page.getByRole("log")).toBeVisible();
  // The icon chosen before the group existed is uploaded once it does, and shows for the others too.
  await expect(a.page.getByRole("main").getByRole("img", { name: `${name} group icon` })).toHaveAttribute("src", iconSrc);
  await expect(b.page.getByRole("list", { name: "Chats" }).getByRole("img", { name: `${name} group icon` })).toHaveAttribute(
    "src",
    iconSrc,
  );

  await sendText(a.page, "Saturday at the wall?");
  // Both others are online, so it reaches them, but nobody has opened it yet.
  await expect(statusOf(a.page, "Saturday at the wall?")).toHaveAccessibleName("Delivered");
  await b.page
    .getByRole("button", { name: new RegExp(name) })
    .first()
    .click();
  await expect(b.page.getByRole("log").getByText("Saturday at the wall?")).toBeVisible();
  await expect(
    b.page
      .getByRole("log")
      .getByText(/^Ana\s*:?$/)
      .first(),
  ).toBeVisible();
  // The server has Ben's read (Message info counts it), yet the tick waits for Cid.
  const bubble = a.page.getByRole("log").locator("[data-message]", { hasText: "Saturday at the wall?" });
  await bubble.hover();
  await bubble.getByRole("button", { name: "Message info" }).click();
  await expect(a.page.getByText("Read by 1 of 2")).toBeVisible();
  await a.page.getByRole("button", { name: "Close message info" }).click();
  await expect(statusOf(a.page, "Saturday at the wall?")).toHaveAccessibleName("Delivered");
  await c.page
    .getByRole("button", { name: new RegExp(name) })
    .first()
    .click();
  await expect(statusOf(a.page, "Saturday at the wall?")).toHaveAccessibleName("Read");

  // Ben is in another chat when Ana mentions him: a notice, and "@" on the group's row until he opens it.
  await openChat(b.page, ana);
  await b.page.getByRole("searchbox", { name: "Search or start a new chat" }).fill("");
  await sendText(a.page, `@${ben.username} bring the rope`);
  const notice = b.page.getByRole("status").filter({ hasText: `Ana mentioned you in ${name}` });
  // The notice shows once Ben's device has decrypted the message, which takes longer on a machine running
  // the whole suite (three browsers here, two tests at once): its own time, not the 10 s default.
  await expect(notice).toContainText("bring the rope", { timeout: 30_000 });
  const row = b.page.getByRole("list", { name: "Chats" }).getByRole("button", { name: new RegExp(name) });
  await expect(row.getByRole("img", { name: "You were mentioned" })).toBeVisible();
  await notice.getByRole("button", { name: "Open chat" }).click();
  await expect(b.page.getByRole("log").getByText("bring the rope")).toBeVisible();
  await expect(notice).toHaveCount(0);
  await expect(row.getByRole("img", { name: "You were mentioned" })).toHaveCount(0);

  await bubble.hover();
  await bubble.getByRole("button", { name: "Message info" }).click();
  await expect(a.page.getByText("Read by 2 of 2")).toBeVisible();
  for (const person of [ben, cid]) await expect(a.page.getByRole("listitem").filter({ hasText: person.displayName }).first()).toBeVisible();

  await a.page.getByRole("button", { name: "Close message info" }).click();
  await a.page.getByRole("button", { name: "Group info" }).click();
  const info = a.page.getByRole("region", { name: `Group info for ${name}` });
  await info.getByRole("button", { name: "Remove group icon" }).click();
  await expect(info.getByRole("button", { name: "Remove group icon" })).toHaveCount(0);
  await expect(b.page.getByRole("log").getByText("Ana removed the group icon")).toBeVisible();
  await info.getByLabel("Group icon file").setInputFiles(iconFile);
  await expect(info.getByRole("img", { name: `${name} group icon` })).toHaveAttribute("src", iconSrc);
  await expect(b.page.getByRole("main").getByRole("img", { name: `${name} group icon` })).toHaveAttribute("src", iconSrc);
  const members = a.page.getByRole("list", { name: "Members" });
  await members.getByRole("listitem", { name: cid.displayName }).getByRole("button", { name: "Remove" }).click();
  await expect(members.getByRole("listitem", { name: cid.displayName })).toHaveCount(0);
  await expect(c.page.getByText("You're no longer a member of this group")).toBeVisible();
  await expect(c.page.getByRole("textbox", { name: "Message" })).toHaveCount(0);
  await expect(c.page.getByRole("log").getByText("Ana removed Cid")).toBeVisible();

  for (const ctx of [a, b, c]) await ctx.context.close();
});
