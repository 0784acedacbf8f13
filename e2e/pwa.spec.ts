// The installable app: manifest and service worker as Chromium judges them, opening offline with the
// chats this device kept, and Background Sync sending what was written offline after the tab was closed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, expect, type Page, test } from "@playwright/test";
import { apiHeaders, befriend, createUser, type E2EUser, openChat, sendText, signedInContext, signIn, statusOf } from "./fixtures";

/** Waits until the service worker controls the page (it claims open pages as soon as it is active). */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** The messages this device kept for opening offline, read from IndexedDB as the app wrote them. */
function keptTexts(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("chats")) return resolve([]);
          const all = db.transaction("chats").objectStore("chats").getAll();
          all.onsuccess = () => resolve(all.result.flatMap((c: { messages: { text: string }[] }) => c.messages.map((m) => m.text)));
          all.onerror = () => reject(all.error);
        };
      }),
    `chatterbox-${userId}`,
  );
}

/** Opens a chat from the chat list (offline the people search can't answer). */
async function openFromList(page: Page, user: E2EUser) {
  await page
    .getByRole("button", { name: new RegExp(user.displayName) })
    .first()
    .click();
  await expect(page.getByRole("region", { name: `Chat with ${user.displayName}` }).getByRole("log")).toBeVisible();
}

async function sendAs(context: BrowserContext, from: E2EUser, to: E2EUser, text: string) {
  const headers = await apiHeaders(context.request, from);
  const chat = await (await context.request.post("/api/v1/conversations", { data: { userId: to.userId }, headers })).json();
  const sent = await context.request.post("/api/v1/messages", {
    data: { id: crypto.randomUUID(), conversationId: chat.id, text },
    headers,
  });
  expect(sent.ok()).toBe(true);
}

test("Chromium finds the app installable: manifest with icons and shortcuts, active service worker", async ({ baseURL, request }) => {
  const ana = await createUser(request, "Ana");
  // A profile on disk: Chromium never offers to install from an incognito context (what newContext makes).
  const profile = mkdtempSync(path.join(tmpdir(), "cbx-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, { ...test.info().project.use.launchOptions, baseURL });
  try {
    const page = await signIn(context, ana);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const { url, errors, data } = await cdp.send("Page.getAppManifest");
    expect(url).toBe(`${baseURL}/manifest.webmanifest`);
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data as string);
    expect(manifest).toMatchObject({ name: "Chatterbox", display: "standalone", start_url: "/" });
    expect(manifest.icons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sizes: "512x512", purpose: "maskable" }),
        expect.objectContaining({ sizes: "192x192", purpose: "any" }),
      ]),
    );
    expect(manifest.shortcuts.map((s: { name: string }) => s.name)).toEqual(["New chat", "New group", "Status"]);
    // Every icon the manifest lists is there.
    for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);

    // A shortcut opens its panel.
    await page.goto("/?view=new-group");
    await expect(page.getByRole("heading", { name: "Add group participants" })).toBeVisible();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("a push shows the sender and preview, one notification per chat", async ({ browser, baseURL, request }) => {
  const ana = await createUser(request, "Ana");
  const { context, page } = await signedInContext(browser, baseURL as string, ana);
  await context.grantPermissions(["notifications"]);
  await controlled(page);
  // The browser's push service is out of reach here, so the push is handed to the worker the way
  // Chromium does after decrypting one (the server's encryption is tested against a real receiver).
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) =>
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const live = registrations.find((r) => !r.isDeleted && r.scopeURL === `${baseURL}/`);
      if (live) resolve(live.registrationId);
    }),
  );
  await cdp.send("ServiceWorker.enable");
  const push = async (payload: object) =>
    cdp.send("ServiceWorker.deliverPushMessage", {
      origin: baseURL as string,
      registrationId: await registrationId,
      data: JSON.stringify(payload),
    });
  const base = { kind: "message", conversationId: "c-1", tag: "c-1", url: "/?chat=c-1", sound: true, sentAt: Date.now() };
  await push({ ...base, title: "Ben", body: "See you at eight" });
  await push({ ...base, title: "Ben", body: "Running late" });
  await push({ ...base, conversationId: "c-2", tag: "c-2", url: "/?chat=c-2", title: "Cleo @ Trip", body: "Tickets booked" });
  const shown = () =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
    );
  await expect.poll(shown).toEqual([
    { title: "Ben · 2 new messages", body: "Running late", tag: "c-1" },
    { title: "Cleo @ Trip", body: "Tickets booked", tag: "c-2" },
  ]);
  await context.close();
});

test("the app opens offline with the chats it had, and a message written offline is sent by Background Sync after the tab was closed", async ({
  browser,
  baseURL,
  request,
}) => {
  test.slow(); // two users, two reloads and a tab closed and reopened
  const ana = await createUser(request, "Ana");
  const ben = await createUser(request, "Ben");
  await befriend(request, ana, ben);
  const b = await signedInContext(browser, baseURL as string, ben);
  const a = await signedInContext(browser, baseURL as string, ana);
  await sendAs(a.context, ben, ana, "See you at eight");
  await controlled(a.page);
  await openChat(a.page, ben);
  await expect(a.page.getByRole("log").getByText("See you at eight")).toBeVisible();
  await expect.poll(() => keptTexts(a.page, ana.userId)).toContain("See you at eight");

  // No network: the app still opens, with the chat list and the chat's messages.
  await a.context.setOffline(true);
  await a.page.reload();
  await expect(a.page.getByText(/Not connected/)).toBeVisible();
  await openFromList(a.page, ben);
  await expect(a.page.getByRole("log").getByText("See you at eight")).toBeVisible();

  // Written offline: pending, and still pending (the outbox) after the app is opened again.
  await sendText(a.page, "On my way");
  await expect(statusOf(a.page, "On my way")).toHaveAccessibleName("Pending");
  await a.page.reload();
  await openFromList(a.page, ben);
  await expect(statusOf(a.page, "On my way")).toHaveAccessibleName("Pending");

  // The tab is closed before the network returns: nothing is sent while offline...
  await a.page.close();
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(b.page.getByRole("log").getByText("See you at eight")).toBeVisible();
  await expect(b.page.getByRole("log").getByText("On my way")).toHaveCount(0);
  // ...and once it is back, the service worker sends it with no page of Ana's open.
  await a.context.setOffline(false);
  await expect(b.page.getByRole("log").getByText("On my way")).toBeVisible({ timeout: 20_000 });
  expect(a.context.pages()).toHaveLength(0);

  // Opening the app again shows it sent, once.
  const again = await a.context.newPage();
  await again.goto("/");
  await openChat(again, ben);
  await expect(statusOf(again, "On my way")).toHaveAccessibleName(/Delivered|Read/);
  await expect(again.getByRole("log").getByText("On my way")).toHaveCount(1);
  await a.context.close();
  await b.context.close();
});
