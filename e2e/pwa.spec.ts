// The installable app: manifest and service worker as Chromium judges them, opening offline with the
// chats this device kept (sealed), and a message written offline in an encrypted chat, which the service
// worker's Background Sync (it holds no keys) leaves to the app.
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

/** The chats this device kept for opening offline, as IndexedDB holds them (sealed with the device's key). */
function keptChats(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("chats")) return resolve([]);
          const all = db.transaction("chats").objectStore("chats").getAll();
          // What the files would give away: the records, their bytes read as text.
          all.onsuccess = () =>
            resolve(all.result.map((c: { sealed: { data: ArrayBuffer } }) => JSON.stringify(c) + new TextDecoder().decode(c.sealed.data)));
          all.onerror = () => reject(all.error);
        };
      }),
    `chatterbox-${userId}`,
  );
}

/** The texts of the kept chats' messages, opened in the page with the device's own key (as the app opens them offline). */
function keptTexts(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    const get = (db: string, store: string, key?: string) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request =
            key === undefined
              ? open.result.transaction(store).objectStore(store).getAll()
              : open.result.transaction(store).objectStore(store).get(key);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      });
    const deviceId = localStorage.getItem("chatterbox-device-id");
    const vault = (await get(`chatterbox-device-${deviceId}`, "values", "passphrase")) as { key: CryptoKey } | undefined;
    if (!vault) return [];
    const chats = (await get(name, "chats")) as { sealed: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer } }[];
    const texts: string[] = [];
    for (const { sealed } of chats) {
      const clear = await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, vault.key, sealed.data);
      for (const m of JSON.parse(new TextDecoder().decode(clear)).messages as { text: string }[]) texts.push(m.text);
    }
    return texts;
  }, `chatterbox-${userId}`);
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

test("the app opens offline with the chats it had, sealed; a message written offline waits for the app and is sent encrypted", async ({
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
  // The copy is kept, sealed: only the device's key opens it, and the database holds none of the words.
  await expect.poll(() => keptTexts(a.page, ana.userId)).toContain("See you at eight");
  expect((await keptChats(a.page, ana.userId)).join()).not.toContain("See you at eight");

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

  // The tab is closed and the network returns: the service worker, which holds no keys, leaves it alone
  // (its words never leave the device unencrypted)...
  await a.page.close();
  await a.context.setOffline(false);
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(b.page.getByRole("log").getByText("See you at eight")).toBeVisible();
  // Background Sync fires within a second or two of the network's return (it sent plain messages in that time).
  await b.page.waitForTimeout(3_000);
  await expect(b.page.getByRole("log").getByText("On my way")).toHaveCount(0);
  expect(a.context.pages()).toHaveLength(0);

  // ...and opening the app sends it, encrypted, once.
  const again = await a.context.newPage();
  await again.goto("/");
  await openChat(again, ben);
  await expect(statusOf(again, "On my way")).toHaveAccessibleName(/Delivered|Read/);
  await expect(again.getByRole("log").getByText("On my way")).toHaveCount(1);
  await expect(b.page.getByRole("log").getByText("On my way")).toBeVisible();
  const headers = await apiHeaders(request, ana);
  const chat = await (await request.post("/api/v1/conversations", { data: { userId: ben.userId }, headers })).json();
  const stored = await (await request.get(`/api/v1/conversations/${chat.id}/messages`, { headers })).json();
  expect(stored.messages.map((m: { type: string }) => m.type)).toEqual(["text", "encrypted"]);
  expect(JSON.stringify(stored)).not.toContain("On my way");
  await a.context.close();
  await b.context.close();
});
