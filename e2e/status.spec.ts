import { expect, type Page, test } from "@playwright/test";
import { apiHeaders, createUser, keysPublished, openChat, recordClip, signedInContext, tinyPng } from "./fixtures";

const statusTab = (page: Page) => page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Status" });

test("Ana's encrypted status reaches her contact Ben, who plays it through and is listed as a viewer; Cara sees nothing", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, ben, cara] = [await createUser(request, "Ana"), await createUser(request, "Ben"), await createUser(request, "Cara")];
  const a = await signedInContext(browser, baseURL as string, ana);
  const b = await signedInContext(browser, baseURL as string, ben);
  const c = await signedInContext(browser, baseURL as string, cara);
  // Ana and Ben have a chat: they are each other's contacts. Cara has no chat with Ana. Statuses are
  // encrypted for the audience's devices: Ben's has its keys before Ana posts.
  await openChat(a.page, ben);
  await keysPublished(request, ana, ben);

  // Ana posts a text status on purple, in serif, then a photo with a caption.
  await statusTab(a.page).click();
  await expect(a.page.getByRole("region", { name: "Status" }).getByText("Click to add status update")).toBeVisible();
  await a.page.getByRole("button", { name: "Add status", exact: true }).click();
  await a.page.getByRole("menuitem", { name: "Text" }).click();
  const composer = a.page.getByRole("dialog", { name: "New text status" });
  await composer.getByRole("textbox", { name: "Status text" }).fill("Hiking today");
  await composer.getByRole("button", { name: "Background Purple" }).click();
  await composer.getByRole("button", { name: "Font: Sans" }).click();
  await expect(composer.getByRole("button", { name: "Font: Serif" })).toBeVisible();
  await composer.getByRole("button", { name: "Post status" }).click();
  await expect(composer).toBeHidden();
  const mine = a.page.getByRole("list", { name: "My status updates" });
  await expect(mine.getByRole("listitem")).toHaveCount(1);

  await a.page.getByLabel("Photo or video for a status").setInputFiles({ name: "summit.png", mimeType: "image/png", buffer: tinyPng });
  const photo = a.page.getByRole("dialog", { name: "New photo or video status" });
  await photo.getByRole("textbox", { name: "Caption" }).fill("At the summit");
  await photo.getByRole("button", { name: "Post status" }).click();
  await expect(photo).toBeHidden();
  await expect(mine.getByRole("listitem")).toHaveCount(2);
  await expect(mine.getByRole("listitem").first()).toContainText("0 views");

  // The server holds both as ciphertext: no kind, no words, no look.
  const feed = await (await request.get("/api/v1/statuses", { headers: await apiHeaders(request, ben) })).json();
  expect(feed.updates[0].statuses.map((st: { kind: string }) => st.kind)).toEqual(["encrypted", "encrypted"]);
  expect(JSON.stringify(feed)).not.toMatch(/Hiking today|At the summit|#7e57c2|serif/);

  // Ben's page runs on Playwright's clock from here (it flows as usual until the test moves it on), so
  // the 5 s each status shows can pass without waiting for them.
  await b.page.clock.install();
  // Ben: a dot on the Status tab, then Ana under "Recent updates" with a green ring, live.
  const rail = b.page.getByRole("navigation", { name: "Sections" });
  await expect(rail.getByRole("button", { name: "Status (new updates)" })).toBeVisible();
  await statusTab(b.page).click();
  const recent = b.page.getByRole("region", { name: "Recent updates" });
  await expect(recent.getByRole("button", { name: /Ana/ })).toBeVisible();
  await recent.getByRole("button", { name: /Ana/ }).click();
  const viewer = b.page.getByRole("dialog", { name: "Status from Ana" });
  await expect(viewer.getByText("Hiking today")).toBeVisible();
  await expect(viewer.getByText("Hiking today")).toHaveCSS("font-family", /Georgia/);
  await expect(viewer.getByRole("progressbar", { name: "Status progress" })).toHaveAttribute("aria-valuenow", "1");

  // Pause holds it (well past the 5 s it would show), Play goes on by itself; Next and Previous move by hand.
  await viewer.getByRole("button", { name: "Pause" }).click();
  await expect(viewer.getByRole("button", { name: "Play" })).toBeVisible();
  await b.page.clock.fastForward(6000);
  await expect(viewer.getByText("Hiking today")).toBeVisible();
  await viewer.getByRole("button", { name: "Play" }).click();
  await expect(viewer.getByRole("button", { name: "Pause" })).toBeVisible();
  await b.page.clock.fastForward(5000);
  await expect(viewer.getByRole("img", { name: "At the summit" })).toBeVisible();
  // Paused again, so that the steps by hand may take as long as they need: the last status would close
  // the viewer after its 5 s.
  await viewer.getByRole("button", { name: "Pause" }).click();
  await viewer.getByRole("button", { name: "Previous" }).click();
  await expect(viewer.getByText("Hiking today")).toBeVisible();
  await viewer.getByRole("button", { name: "Next" }).click();
  await expect(viewer.getByRole("img", { name: "At the summit" })).toBeVisible();
  await expect(viewer.getByRole("progressbar", { name: "Status progress" })).toHaveAttribute("aria-valuenow", "2");
  await viewer.getByRole("button", { name: "Previous" }).click();
  await expect(viewer.getByText("Hiking today")).toBeVisible();
  await b.page.keyboard.press("ArrowRight");
  await expect(viewer.getByRole("img", { name: "At the summit" })).toBeVisible();

  // A reply quotes the status in their chat.
  await viewer.getByRole("textbox", { name: "Reply to Ana's status" }).fill("Great view!");
  await viewer.getByRole("button", { name: "Send reply" }).click();
  await expect(viewer.getByText("Reply sent")).toBeVisible();
  await b.page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
  await expect(b.page.getByRole("region", { name: "Viewed updates" }).getByRole("button", { name: /Ana/ })).toBeVisible();
  await expect(rail.getByRole("button", { name: "Status", exact: true })).toBeVisible();

  // Ana sees Ben among the viewers of both, live, with the reply in their chat.
  await expect(mine.getByRole("listitem").first()).toContainText("1 view");
  await mine.getByRole("listitem").nth(1).getByRole("button", { name: "1 view" }).click();
  await expect(mine.getByRole("list", { name: "Viewed by" })).toContainText("Ben");
  await mine
    .getByRole("button", { name: /Watch my status/ })
    .first()
    .click();
  const own = a.page.getByRole("dialog", { name: "Status from you" });
  await own.getByRole("button", { name: "Viewed by 1" }).click();
  await expect(own.getByRole("list", { name: "Viewed by" })).toContainText("Ben");

  // Ana deletes both early, from her viewer: they vanish from Ben's screen at once.
  await own.getByRole("button", { name: "Delete status" }).click();
  await a.page.getByRole("dialog", { name: "Delete status?" }).getByRole("button", { name: "Delete" }).click();
  await expect(own.getByRole("img", { name: "At the summit" })).toBeVisible();
  await own.getByRole("button", { name: "Delete status" }).click();
  await a.page.getByRole("dialog", { name: "Delete status?" }).getByRole("button", { name: "Delete" }).click();
  await expect(own).toBeHidden();
  await expect(mine).toBeHidden();
  await expect(b.page.getByText("No updates yet.")).toBeVisible();
  await a.page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Chats" }).click();
  await a.page.getByRole("button", { name: /Ben/ }).first().click();
  await expect(a.page.getByRole("figure", { name: "Reply to your status: At the summit" })).toBeVisible();

  // Cara: no updates at all.
  await statusTab(c.page).click();
  await expect(c.page.getByText("No updates yet.")).toBeVisible();
  await expect(c.page.getByRole("region", { name: "Status" }).getByText("Ana")).toHaveCount(0);

  await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
});

test("a status from before encryption still shows; an encrypted video status plays for its own length, then the viewer moves on by itself", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, ben] = [await createUser(request, "Ana"), await createUser(request, "Ben")];
  const a = await signedInContext(browser, baseURL as string, ana);
  const b = await signedInContext(browser, baseURL as string, ben);
  await openChat(a.page, ben);
  await keysPublished(request, ana, ben);
  // Posted in the clear, as the app did before statuses were encrypted.
  const before = await request.post("/api/v1/statuses", {
    headers: await apiHeaders(request, ana),
    data: { id: crypto.randomUUID(), kind: "text", text: "From before encryption" },
  });
  expect(before.status()).toBe(201);
  const clip = await recordClip(a.page);
  await statusTab(a.page).click();
  await a.page.getByLabel("Photo or video for a status").setInputFiles({ name: "clip.webm", mimeType: "video/webm", buffer: clip });
  const composer = a.page.getByRole("dialog", { name: "New photo or video status" });
  await composer.getByRole("textbox", { name: "Caption" }).fill("Colours");
  await composer.getByRole("button", { name: "Post status" }).click();
  await expect(composer).toBeHidden();

  await statusTab(b.page).click();
  await b.page.getByRole("region", { name: "Recent updates" }).getByRole("button", { name: /Ana/ }).click();
  const viewer = b.page.getByRole("dialog", { name: "Status from Ana" });
  await expect(viewer.getByText("From before encryption")).toBeVisible();
  await viewer.getByRole("button", { name: "Next" }).click();
  await expect(viewer.locator("video")).toHaveAccessibleName("Colours");
  await expect.poll(() => viewer.locator("video").evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0);
  // Its last status: when the clip ends, the viewer closes and Ana's ring is grey.
  await expect(viewer).toBeHidden({ timeout: 8000 });
  await expect(b.page.getByRole("region", { name: "Viewed updates" }).getByRole("button", { name: /Ana/ })).toBeVisible();
  await Promise.all([a.context.close(), b.context.close()]);
});
