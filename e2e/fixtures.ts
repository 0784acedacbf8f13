// Test users made through the public API, and browser contexts signed in as them.
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import type { Messages } from "../lib/i18n/catalog";

export interface E2EUser {
  username: string;
  displayName: string;
  password: string;
  userId: string;
}

/** The admin's username: playwright.config.ts names it in the server's ADMIN_USERNAMES, e2e/global-setup.ts signs it up. */
export const ADMIN_USERNAME = "root";
/** The port of e2e/link-preview.spec.ts's test site: the one loopback address the server may preview (playwright.config.ts). */
export const LINK_PAGES_PORT = Number(process.env.E2E_PORT ?? 3199) + 2;

/** Where e2e/global-setup.ts leaves the admin account for this run. */
export const ADMIN_FILE = path.join(tmpdir(), `cbx-e2e-admin-${process.env.E2E_PORT ?? 3199}.json`);

/** Where e2e/global-setup.ts's SMTP server (on E2E_PORT + 1) saves every email it receives, as .eml files. */
export const MAIL_DIR = path.join(tmpdir(), `cbx-e2e-mail-${process.env.E2E_PORT ?? 3199}`);

/** Waits for an email to `to` with this subject in MAIL_DIR and returns the link in it to `pathname` (e.g. "/reset-password"). */
export async function linkFromMail(to: string, subject: string, pathname: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      for (const file of readdirSync(MAIL_DIR).sort().reverse()) {
        const mail = await simpleParser(readFileSync(path.join(MAIL_DIR, file)));
        const addressed = [mail.to ?? []].flat().some((a) => a.value.some((v) => v.address?.toLowerCase() === to.toLowerCase()));
        if (addressed && mail.subject === subject) link = mail.text?.match(new RegExp(`https?://\\S+${pathname}\\?\\S+`))?.[0];
        if (link) return link;
      }
      return null;
    })
    .toBeTruthy();
  return link as string;
}

/** The server's admin, made before any test ran. */
export function adminUser(): E2EUser {
  return JSON.parse(readFileSync(ADMIN_FILE, "utf8"));
}

let counter = 0;
/**
 * A new account with a username of its own across the run: tests run in parallel workers (each its own
 * process, with its own counter), so the worker's index is part of the name.
 */
export async function createUser(request: APIRequestContext, displayName: string): Promise<E2EUser> {
  const worker = process.env.TEST_WORKER_INDEX ?? "0";
  const username = `${displayName.toLowerCase().replace(/\W/g, "")}_${Date.now().toString(36)}_${worker}_${counter++}`;
  const password = "correct horse battery";
  const res = await request.post("/api/v1/auth/register", { data: { username, displayName, password } });
  expect(res.status()).toBe(201);
  return { username, displayName, password, userId: (await res.json()).userId };
}

/**
 * Makes two users contacts: each opens their one-to-one chat through the API, so it is nobody's message
 * request (a request withholds Delivered, Read and presence until it is accepted).
 */
export async function befriend(request: APIRequestContext, a: E2EUser, b: E2EUser): Promise<void> {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ]) {
    const headers = await apiHeaders(request, from);
    expect((await request.post("/api/v1/conversations", { data: { userId: to.userId }, headers })).ok()).toBe(true);
  }
}

/** Headers that authenticate REST calls as `user` with an API token (set-up that needn't go through the UI). */
export async function apiHeaders(request: APIRequestContext, user: E2EUser): Promise<{ authorization: string }> {
  const token = await request.post("/api/v1/auth/token", { data: { username: user.username, password: user.password } });
  expect(token.ok()).toBe(true);
  return { authorization: `Bearer ${(await token.json()).token}` };
}

/** How long a browser may take to publish its device's keys: the 7.8 MB wasm compiles slowly on a busy 2-core machine (10-20 s seen). */
export const KEYS_PUBLISHED = { timeout: 30_000 };

/** How many devices with keys `user` has, as `asker` can see them (each browser publishes its keys once its crypto has loaded). */
export async function devicesOf(request: APIRequestContext, asker: E2EUser, user: E2EUser): Promise<number> {
  const id = `@${user.userId}:chatterbox`;
  const res = await request.post("/api/v1/keys/query", { headers: await apiHeaders(request, asker), data: { device_keys: { [id]: [] } } });
  return Object.keys((await res.json()).device_keys[id] ?? {}).length;
}

/**
 * Waits until each of these people has a device with keys: from then on what they send each other is end-to-end
 * encrypted. The first must share a chat with each of the others (only then may they see each other's devices).
 */
export async function keysPublished(request: APIRequestContext, ...users: E2EUser[]): Promise<void> {
  for (const user of users) await expect.poll(() => devicesOf(request, users[0], user), KEYS_PUBLISHED).toBeGreaterThan(0);
}

/** A new browser context (one device) signed in as `user` through next-auth's credentials endpoint. */
export async function signedInContext(browser: Browser, baseURL: string, user: E2EUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  return { context, page: await signIn(context, user) };
}

/** Signs `user` in in `context` (its baseURL set) and opens the app in a new page (ready once `newChat`, the button's name in the page's language, shows). */
export async function signIn(context: BrowserContext, user: E2EUser, newChat = "New chat"): Promise<Page> {
  const csrf = await (await context.request.get("/api/auth/csrf")).json();
  const res = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, username: user.username, password: user.password, json: "true" },
  });
  expect(res.ok()).toBe(true);
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("button", { name: newChat })).toBeVisible();
  return page;
}

/**
 * Ana and Ben, contacts, each signed in in a browser context of their own, with Ana's chat with Ben open,
 * once both devices have published their keys (so what they send each other is end-to-end encrypted).
 */
export async function anaAndBen(browser: Browser, baseURL: string, request: APIRequestContext) {
  const [ana, ben] = [await createUser(request, "Ana"), await createUser(request, "Ben")];
  await befriend(request, ana, ben);
  const a = await signedInContext(browser, baseURL, ana);
  const b = await signedInContext(browser, baseURL, ben);
  await keysPublished(request, ana, ben);
  await openChat(a.page, ben);
  return {
    ana,
    ben,
    a,
    b,
    async close() {
      await a.context.close();
      await b.context.close();
    },
  };
}

/** Opens the chat with a person from the main search box, then their contact info. */
export async function openPerson(page: Page, user: E2EUser): Promise<void> {
  await openChat(page, user);
  await page.getByRole("button", { name: "Contact info" }).click();
  await expect(page.getByRole("region", { name: `Contact info for ${user.displayName}` })).toBeVisible();
}

/** Starts (or reopens) the chat with `user` from the search box; the message list is then on screen. */
export async function openChat(page: Page, user: E2EUser): Promise<void> {
  await page.getByRole("searchbox", { name: "Search or start a new chat" }).fill(user.username);
  await page
    .getByRole("list", { name: "People" })
    .getByRole("button", { name: new RegExp(user.displayName) })
    .click();
  // Their chat, not the one open before (whose message list is visible too until the new one replaces it).
  await expect(page.getByRole("region", { name: `Chat with ${user.displayName}` }).getByRole("log")).toBeVisible();
}

/** A one-second WebM clip, recorded in the page from a canvas (for video uploads). */
export async function recordClip(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = Object.assign(document.createElement("canvas"), { width: 160, height: 120 });
    const paint = canvas.getContext("2d") as CanvasRenderingContext2D;
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: "video/webm" });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((resolve) => {
      recorder.onstop = resolve;
    });
    recorder.start();
    for (let frame = 0; frame < 25; frame++) {
      paint.fillStyle = `hsl(${frame * 14} 70% 50%)`;
      paint.fillRect(0, 0, 160, 120);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    recorder.stop();
    await stopped;
    return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
  });
  return Buffer.from(bytes);
}

/** A 2×2 PNG, for picture uploads. */
export const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

/** Types and sends a message with the composer. */
export async function sendText(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

/** The status icon of my message with this text ("Pending", "Sent", "Delivered" or "Read"). */
export function statusOf(page: Page, text: string) {
  return page
    .getByRole("log")
    .locator("[data-message]", { hasText: text })
    .getByRole("img", { name: /^(Pending|Sent|Delivered|Read)$/ });
}

/**
 * Cuts this browser context off from the Socket.IO server (HTTP polling and WebSocket) while pages and
 * the REST API keep working, and restores it. Open WebSockets are closed when the cut starts; one opened
 * during the cut is closed before it opens, without an error, which Socket.IO's client only takes as a
 * failed handshake at its connection timeout (10 s in the app).
 */
export async function socketSwitch(context: BrowserContext) {
  let blocked = false;
  const open = new Set<{ close: () => Promise<void> }>();
  await context.route("**/socket.io/**", (route) => (blocked ? route.abort("connectionrefused") : route.continue()));
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (blocked) return void ws.close();
    ws.connectToServer();
    open.add(ws);
  });
  return {
    async cut() {
      blocked = true;
      await Promise.all([...open].map((ws) => ws.close().catch(() => {})));
      open.clear();
    },
    restore() {
      blocked = false;
    },
  };
}

/** Opens a page of Settings (the rail's Settings, then the page). */
export async function openSettings(page: Page, item: "Privacy" | "Security" | "Notifications" | "Chats" | "Chat backup" | "Help") {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Settings" }).click();
  // A page's button is named by its title and, after it, what it holds ("Privacy Last seen, blocked contacts...").
  await page
    .getByRole("list", { name: "Settings" })
    .getByRole("button", { name: new RegExp(`^${item}(?! backup)(?![a-z])`) })
    .click();
}

/** Back to the chat list from any panel (the rail's Chats). */
export async function backToChats(page: Page) {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Chats" }).click();
}

/** The bubble of the last message with this text. */
export const bubble = (page: Page, text: string) => page.getByRole("log").locator("[data-message]", { hasText: text }).last();

/** Opens a message's menu (as a hover would show it) and picks an item. */
export async function act(page: Page, text: string, item: string) {
  const message = bubble(page, text);
  await message.hover();
  await message.getByRole("button", { name: "Message options" }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

/** Opens the Attach menu and picks `item`, answering the file chooser it opens with `file`. */
export async function attach(page: Page, item: "Photos & videos" | "Document", file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByRole("button", { name: "Attach" }).click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("menuitem", { name: item }).click();
  await (await chooser).setFiles(file);
}

/** A language's catalog (messages/<locale>/), to name controls as a reader of that language sees them. */
export function catalog(locale: "en" | "es" | "pt" | "ar"): Messages {
  const dir = path.join(import.meta.dirname, "../messages", locale);
  const files = readdirSync(dir).filter((file) => file.endsWith(".json"));
  return Object.fromEntries(
    files.map((file) => [file.slice(0, -".json".length), JSON.parse(readFileSync(path.join(dir, file), "utf8"))]),
  ) as Messages;
}
