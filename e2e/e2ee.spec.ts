// End-to-end encryption in the browser: every device makes its keys, chats become encrypted with their
// first message once every member has a device, and what each side typed arrives decrypted on every
// device of every member, while the server holds ciphertext. The server here is a private one (E2EE_BY_DEFAULT
// on, the default, as on the suite's main server), so these long tests with many browsers run one at a time.
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { freshSqliteUrl } from "../test/helpers/databases";
import { freePort } from "../test/helpers/private-services";
import { type RunningServer, startServer } from "../test/helpers/server";
import {
  act,
  apiHeaders,
  attach,
  befriend,
  bubble,
  createUser,
  devicesOf,
  type E2EUser,
  KEYS_PUBLISHED,
  openChat,
  openSettings,
  sendText,
  signIn,
  tinyPng,
} from "./fixtures";

let server: RunningServer;
let base: string;
let dataDir: string;
let databaseFile: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), "cbx-e2e-e2ee-"));
  const databaseUrl = freshSqliteUrl();
  databaseFile = databaseUrl.replace(/^file:/, "");
  server = await startServer({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    APP_URL: base,
    DATA_DIR: dataDir,
    E2EE_BY_DEFAULT: "true",
  });
});

test.afterAll(async () => {
  await server?.stop();
});

/** The chat's messages as the server stores them (what it would give anyone holding its database). */
async function stored(api: APIRequestContext, user: E2EUser, conversationId: string) {
  const res = await api.get(`/api/v1/conversations/${conversationId}/messages`, { headers: await apiHeaders(api, user) });
  return (await res.json()).messages as { type: string; text: string; encrypted?: object; file?: { fileId: string } }[];
}

test("a direct chat is end-to-end encrypted both ways, on every device of each person", async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL: base });
  const [ana, ben] = [await createUser(api, "Ana"), await createUser(api, "Ben")];
  await befriend(api, ana, ben);
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ baseURL: base })));
  const [anaPage, benLaptop, benPhone] = await Promise.all([signIn(contexts[0], ana), signIn(contexts[1], ben), signIn(contexts[2], ben)]);
  // Every device publishes its keys once its crypto has loaded (after the first paint).
  await expect.poll(() => devicesOf(api, ana, ben), KEYS_PUBLISHED).toBe(2);

  await openChat(anaPage, ben);
  await sendText(anaPage, "The cake is in the oven");
  await expect(anaPage.getByRole("note")).toContainText("Messages are end-to-end encrypted");
  for (const page of [benLaptop, benPhone]) {
    await openChat(page, ana);
    await expect(bubble(page, "The cake is in the oven")).toBeVisible();
    await expect(page.getByRole("note")).toContainText("end-to-end encrypted");
  }
  await sendText(benPhone, "Save me a slice");
  await expect(bubble(anaPage, "Save me a slice")).toBeVisible();
  await expect(bubble(benLaptop, "Save me a slice")).toBeVisible();

  // An edit and a reaction travel encrypted too.
  await act(anaPage, "The cake is in the oven", "Edit");
  const dialog = anaPage.getByRole("dialog", { name: "Edit message" });
  await dialog.getByRole("textbox", { name: "Edited message" }).fill("The pie is in the oven");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(bubble(benLaptop, "The pie is in the oven").getByRole("button", { name: "Edited" })).toBeVisible();
  await bubble(benLaptop, "The pie is in the oven").getByRole("button", { name: "Edited" }).click();
  await expect(benLaptop.getByRole("dialog", { name: "Edit history" })).toContainText("The cake is in the oven");
  await benLaptop.keyboard.press("Escape");
  await act(benPhone, "The pie is in the oven", "React");
  await benPhone.getByRole("dialog", { name: "React to message" }).getByRole("button", { name: "React with ❤️" }).click();
  await expect(bubble(anaPage, "The pie is in the oven").locator("..").getByRole("button", { name: "Reactions: ❤️ 1" })).toBeVisible();
  // A photo: its caption travels encrypted (the file itself is encrypted by issue 23's encrypted media).
  await attach(anaPage, "Photos & videos", { name: "pie.png", mimeType: "image/png", buffer: tinyPng });
  const preview = anaPage.getByRole("dialog", { name: "Send photo" });
  await preview.getByRole("textbox", { name: "Add a caption" }).fill("Fresh from the oven");
  await preview.getByRole("button", { name: "Send" }).click();
  await expect(benPhone.getByRole("log").getByRole("img", { name: "Fresh from the oven" })).toBeVisible();

  const chat = await (
    await api.post("/api/v1/conversations", { headers: await apiHeaders(api, ana), data: { userId: ben.userId } })
  ).json();
  const messages = await stored(api, ana, chat.id);
  expect(messages.map((m) => [m.type, m.text])).toEqual([
    ["encrypted", ""],
    ["encrypted", ""],
    ["encrypted", ""],
  ]);
  expect(JSON.stringify(messages)).not.toMatch(/oven|slice|❤️|Fresh/);

  // A reply to Ana's status goes to their chat encrypted too (the status itself is encrypted by issue 23).
  const status = await api.post("/api/v1/statuses", {
    headers: await apiHeaders(api, ana),
    data: { id: randomUUID(), kind: "text", text: "Baking day" },
  });
  expect(status.status()).toBe(201);
  await benPhone
    .getByRole("navigation", { name: "Sections" })
    .getByRole("button", { name: /^Status/ })
    .click();
  await benPhone.getByRole("region", { name: "Recent updates" }).getByRole("button", { name: /Ana/ }).click();
  const viewer = benPhone.getByRole("dialog", { name: "Status from Ana" });
  await viewer.getByRole("button", { name: "Pause" }).click();
  await viewer.getByRole("textbox", { name: "Reply to Ana's status" }).fill("Smells great from here");
  await viewer.getByRole("button", { name: "Send reply" }).click();
  await expect(viewer.getByText("Reply sent")).toBeVisible();
  await expect(bubble(anaPage, "Smells great from here")).toBeVisible();
  const replied = await stored(api, ana, chat.id);
  expect(replied.map((m) => m.type)).toEqual(["encrypted", "encrypted", "encrypted", "encrypted"]);
  expect(JSON.stringify(replied)).not.toMatch(/Smells great/);
  await Promise.all(contexts.map((c) => c.close()));
});

/** The files under `dir` (and the database beside it) whose bytes contain `needle`. */
function filesHolding(needle: string | Buffer, ...roots: string[]): string[] {
  const found: string[] = [];
  const visit = (at: string) => {
    if (statSync(at).isDirectory()) for (const name of readdirSync(at)) visit(path.join(at, name));
    else if (readFileSync(at).includes(needle)) found.push(at);
  };
  for (const root of roots) visit(root);
  return found;
}

test("files are encrypted on the device: the server's disk holds none of their bytes, a file changed there shows an error, a forward reuses the upload", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL: base });
  const [ana, ben] = [await createUser(api, "Ana"), await createUser(api, "Ben")];
  await befriend(api, ana, ben);
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ baseURL: base })));
  const [anaPage, benPage] = await Promise.all([signIn(contexts[0], ana), signIn(contexts[1], ben)]);
  await expect.poll(() => Promise.all([devicesOf(api, ana, ana), devicesOf(api, ana, ben)]), KEYS_PUBLISHED).toEqual([1, 1]);
  const marker = `marker-${randomUUID()}`;
  // A phone's photo: a description with the marker, the camera and a GPS position in its EXIF.
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#e07a3f" } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: marker, Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1" } })
    .toBuffer();
  await openChat(anaPage, ben);
  await attach(anaPage, "Photos & videos", { name: "gps.jpg", mimeType: "image/jpeg", buffer: photo });
  await anaPage.getByRole("dialog", { name: "Send photo" }).getByRole("button", { name: "Send" }).click();
  const notes = Buffer.from(`meeting notes ${marker}`);
  await attach(anaPage, "Document", { name: "notes.txt", mimeType: "text/plain", buffer: notes });
  await anaPage.getByRole("dialog", { name: "Send document" }).getByRole("button", { name: "Send" }).click();
  await expect(bubble(anaPage, "notes.txt").getByRole("img", { name: /^(Sent|Delivered|Read)$/ })).toBeVisible();

  // Nothing of either file is on the server's disk or in its database: not the marker, the camera or the name.
  for (const needle of [marker, "PhoneMaker", "notes.txt"]) expect(filesHolding(needle, dataDir, databaseFile), String(needle)).toEqual([]);

  // The photo's ciphertext is changed on the disk: Ben's app says so and shows nothing of it; the document opens.
  const chat = await (
    await api.post("/api/v1/conversations", { headers: await apiHeaders(api, ana), data: { userId: ben.userId } })
  ).json();
  const [photoMessage] = await stored(api, ana, chat.id);
  const ciphertext = await (await api.get(`/api/v1/media/${photoMessage.file?.fileId}`, { headers: await apiHeaders(api, ana) })).body();
  const sha = createHash("sha256").update(ciphertext).digest("hex");
  const onDisk = path.join(dataDir, "media", sha.slice(0, 2), sha.slice(2, 4), sha);
  const changed = readFileSync(onDisk);
  changed[100] ^= 1;
  writeFileSync(onDisk, changed);
  await openChat(benPage, ana);
  await expect(benPage.getByRole("log").getByRole("alert")).toHaveText(
    "This file couldn't be opened: it isn't the file that was sent (it was changed or damaged).",
  );
  await expect(benPage.getByRole("log").getByRole("img", { name: "Photo" })).toHaveCount(0);
  const download = benPage.waitForEvent("download");
  await bubble(benPage, "notes.txt").getByRole("button", { name: "Download notes.txt" }).click();
  expect(readFileSync(await (await download).path()).equals(notes)).toBe(true);

  // Ben forwards the document: the copy refers to the same upload, its key inside the new message.
  await act(benPage, "notes.txt", "Forward");
  const forward = benPage.getByRole("dialog", { name: "Forward message to" });
  await forward.locator("label", { hasText: "Ana" }).click();
  await forward.getByRole("button", { name: "Forward" }).click();
  const copy = bubble(anaPage, "notes.txt");
  await expect(copy.getByText("Forwarded", { exact: true })).toBeVisible();
  const again = anaPage.waitForEvent("download");
  await copy.getByRole("button", { name: "Download notes.txt" }).click();
  expect(readFileSync(await (await again).path()).equals(notes)).toBe(true);
  const messages = await stored(api, ana, chat.id);
  expect(messages.map((m) => m.file?.fileId)).toEqual([photoMessage.file?.fileId, messages[1].file?.fileId, messages[1].file?.fileId]);
  await Promise.all(contexts.map((c) => c.close()));
});

test("a group is encrypted on every device of its members; a removed member sees nothing sent after", async ({ browser, playwright }) => {
  test.setTimeout(150_000);
  const api = await playwright.request.newContext({ baseURL: base });
  const [ana, ben, cy] = [await createUser(api, "Ana"), await createUser(api, "Ben"), await createUser(api, "Cy")];
  await befriend(api, ana, ben);
  await befriend(api, ana, cy);
  const name = `Climbing ${Date.now().toString(36)}`;
  const created = await api.post("/api/v1/groups", {
    headers: await apiHeaders(api, ana),
    data: { name, participants: [ben.userId, cy.userId] },
  });
  expect(created.status()).toBe(201);
  const groupId = (await created.json()).id as string;
  const contexts = await Promise.all([0, 1, 2, 3, 4].map(() => browser.newContext({ baseURL: base })));
  const [anaPhone, benLaptop, benPhone, cyPage] = await Promise.all([ana, ben, ben, cy].map((user, i) => signIn(contexts[i + 1], user)));
  await expect.poll(() => Promise.all([ana, ben, cy].map((u) => devicesOf(api, ana, u))), KEYS_PUBLISHED).toEqual([1, 2, 1]);
  // Ana's laptop last: a device learns of its own user's other devices when it starts or when told of a change,
  // and a message sent before it heard of one (a device signed in that instant) stays unreadable there.
  const anaLaptop = await signIn(contexts[0], ana);
  await expect.poll(() => devicesOf(api, ana, ana), KEYS_PUBLISHED).toBe(2);
  const openGroup = (page: Page) =>
    page
      .getByRole("list", { name: "Chats" })
      .getByRole("button", { name: new RegExp(`^${name}`) })
      .click();

  await openGroup(anaLaptop);
  await sendText(anaLaptop, "Rope and chalk on Saturday");
  await expect(anaLaptop.getByRole("note")).toContainText("Messages are end-to-end encrypted");
  for (const page of [anaPhone, benLaptop, benPhone, cyPage]) {
    await openGroup(page);
    await expect(bubble(page, "Rope and chalk on Saturday")).toBeVisible();
  }
  await sendText(cyPage, "I'll bring the snacks");
  for (const page of [anaLaptop, anaPhone, benLaptop, benPhone]) await expect(bubble(page, "I'll bring the snacks")).toBeVisible();

  // Cy is removed; what Ana's other device sends next reaches Ben's devices and not Cy, on screen or in the server's copy.
  const removed = await api.delete(`/api/v1/groups/${groupId}/members/${cy.userId}`, { headers: await apiHeaders(api, ana) });
  expect(removed.status()).toBe(200);
  await expect(cyPage.getByText("You're no longer a member of this group")).toBeVisible();
  await sendText(anaPhone, "Ideas for Cy's birthday");
  for (const page of [anaLaptop, benLaptop, benPhone]) await expect(bubble(page, "Ideas for Cy's birthday")).toBeVisible();
  await sendText(benLaptop, "A new harness");
  await expect(bubble(anaPhone, "A new harness")).toBeVisible();
  await cyPage.reload();
  await openGroup(cyPage);
  await expect(bubble(cyPage, "I'll bring the snacks")).toBeVisible();
  await expect(cyPage.getByRole("log")).not.toContainText("birthday");
  await expect(cyPage.getByRole("log")).not.toContainText("harness");

  const messages = await stored(api, ana, groupId);
  expect(messages.filter((m) => m.type === "encrypted")).toHaveLength(4);
  expect(JSON.stringify(messages)).not.toMatch(/chalk|snacks|birthday|harness/);

  // Ben signs in on a third browser: the group says so on Ana's devices, and the notice opens his security code.
  const benTablet = await browser.newContext({ baseURL: base });
  await signIn(benTablet, ben);
  await expect.poll(() => devicesOf(api, ana, ben), KEYS_PUBLISHED).toBe(3);
  const notice = anaLaptop.getByRole("button", { name: "Ben's security code changed. Tap to verify." });
  await expect(notice).toBeVisible();
  await notice.click();
  const panel = anaLaptop.getByRole("region", { name: "Verify security code" });
  await expect(panel.getByRole("img", { name: /^QR code of your security code with Ben/ })).toBeVisible();
  await Promise.all([...contexts, benTablet].map((c) => c.close()));
});

/** Opens the open chat's contact info, then "Verify security code"; returns the 60 digits shown beside the QR code. */
async function securityCode(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Contact info" }).click();
  await page.getByRole("button", { name: /^Encryption/ }).click();
  const panel = page.getByRole("region", { name: "Verify security code" });
  await expect(panel.getByRole("img", { name: /^QR code of your security code with/ })).toBeVisible();
  const digits = ((await panel.getByRole("figure", { name: "Security code" }).textContent()) ?? "").replace(/\D/g, "");
  expect(digits).toMatch(/^\d{60}$/);
  return digits;
}

test("a chat from before switches to encrypted once both apps have keys; its people verify each other's security code", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL: base });
  const [cy, dee] = [await createUser(api, "Cy"), await createUser(api, "Dee")];
  await befriend(api, cy, dee);
  // Sent by a client with no keys (this API call), before either had opened the app.
  const sent = await api.post("/api/v1/messages", {
    headers: await apiHeaders(api, dee),
    data: { id: randomUUID(), to: cy.userId, text: "Sent in the clear" },
  });
  expect(sent.status()).toBe(201);
  const { conversationId } = (await sent.json()).message;
  const [c, d] = await Promise.all([browser.newContext({ baseURL: base }), browser.newContext({ baseURL: base })]);
  const [cyPage, deePage] = await Promise.all([signIn(c, cy), signIn(d, dee)]);
  await openChat(cyPage, dee);
  await expect(bubble(cyPage, "Sent in the clear")).toBeVisible();
  // Dee's device must have its keys before Cy's app starts encrypting: then the chat switches for good.
  await expect.poll(() => devicesOf(api, cy, dee), KEYS_PUBLISHED).toBe(1);
  await sendText(cyPage, "Now we are private");
  await openChat(deePage, cy);
  await expect(bubble(deePage, "Now we are private")).toBeVisible();
  await expect(deePage.getByRole("note")).toContainText("The ones above were not end-to-end encrypted");
  expect((await stored(api, dee, conversationId)).map((m) => m.type)).toEqual(["text", "encrypted"]);

  // Search finds the encrypted message from this device's own index, the plain one from the server's.
  await deePage.getByRole("button", { name: "Search messages" }).click();
  const searchBox = deePage.getByRole("searchbox", { name: "Search messages" });
  const results = deePage.getByRole("list", { name: "Search results" });
  await searchBox.fill("priv");
  await expect(results.getByRole("button")).toHaveCount(1);
  await expect(results.locator("mark")).toHaveText(["priv"]);
  await expect(results).toContainText("Now we are private");
  await searchBox.fill("clear");
  await expect(results.getByRole("button")).toHaveCount(1);
  await expect(results).toContainText("Sent in the clear");
  await deePage.getByRole("button", { name: "Close search" }).click();

  // Both see the same security code (60 digits and a QR code); Cy marks it verified.
  expect(await securityCode(cyPage)).toBe(await securityCode(deePage));
  const panel = cyPage.getByRole("region", { name: "Verify security code" });
  await panel.getByRole("button", { name: "Mark as verified" }).click();
  await expect(panel.getByRole("status")).toContainText("Verified: you checked this code with Dee");
  await panel.getByRole("button", { name: "Back to contact info" }).click();
  await expect(cyPage.getByRole("button", { name: /^Encryption/ })).toContainText("Verified");
  await cyPage.getByRole("button", { name: "Close contact info" }).click();
  // Dee signs in on another browser (a new device): Cy's chat says so, and the verification no longer holds.
  const d2 = await browser.newContext({ baseURL: base });
  await signIn(d2, dee);
  await expect.poll(() => devicesOf(api, cy, dee), KEYS_PUBLISHED).toBe(2);
  const notice = cyPage.getByRole("button", { name: "Dee's security code changed. Tap to verify." });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(panel.getByRole("status")).toContainText("Your security code with Dee changed since you verified it");
  await expect(panel.getByRole("button", { name: "Mark as verified" })).toBeVisible();
  await panel.getByRole("button", { name: "Back to contact info" }).click();
  await expect(cyPage.getByRole("button", { name: /^Encryption/ })).toContainText("Security code changed since you verified it");
  await Promise.all([c.close(), d.close(), d2.close()]);
});

test("a new device waits for the history, then reads it once the recovery key restores the backup", async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL: base });
  const [eli, fin] = [await createUser(api, "Eli"), await createUser(api, "Fin")];
  await befriend(api, eli, fin);
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ baseURL: base })));
  const [eliPhone, finPage] = await Promise.all([signIn(contexts[0], eli), signIn(contexts[1], fin)]);
  await expect.poll(() => devicesOf(api, eli, fin), KEYS_PUBLISHED).toBe(1);
  await openChat(eliPhone, fin);
  await sendText(eliPhone, "Meet at the old mill");
  await openChat(finPage, eli);
  await sendText(finPage, "At noon");
  await expect(bubble(eliPhone, "At noon")).toBeVisible();

  // Eli backs up the chats' keys: the recovery key is shown once.
  await openSettings(eliPhone, "Chat backup");
  await eliPhone.getByRole("button", { name: "Create recovery key" }).click();
  const shown = eliPhone.getByRole("dialog", { name: "Save your recovery key" });
  const recoveryKey = await shown.getByRole("textbox", { name: "Recovery key" }).inputValue();
  expect(recoveryKey).toMatch(/^Es\S\S( \S{1,4}){11}$/);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(eliPhone.getByText("Backup is on")).toBeVisible();
  await expect(eliPhone.getByText(/2 keys backed up/)).toBeVisible();

  // A new device signs in: it was not there for the history, so it waits for it.
  contexts.push(await browser.newContext({ baseURL: base }));
  const eliLaptop = await signIn(contexts[2], eli);
  await openChat(eliLaptop, fin);
  await expect(eliLaptop.getByRole("log").getByText("Waiting for this message…")).toHaveCount(2);
  const banner = eliLaptop.getByRole("region", { name: "Restore chat history" });
  await banner.getByRole("button", { name: "Restore" }).click();
  const form = eliLaptop.getByRole("form", { name: "Restore your chat history" });
  await form.getByLabel("Recovery key").fill(recoveryKey.replace(/.$/, (c) => (c === "a" ? "b" : "a")));
  await form.getByRole("button", { name: "Restore" }).click();
  const panel = eliLaptop.getByRole("complementary", { name: "Chats and people" });
  // (A changed last letter is caught by the parity byte, or, in the rare case it isn't, by the key not matching.)
  await expect(panel.getByRole("alert")).toHaveText(/^(That recovery key has a typo in it|That recovery key doesn't open your backup)$/);
  await form.getByLabel("Recovery key").fill(recoveryKey);
  await form.getByRole("button", { name: "Restore" }).click();
  await expect(panel.getByRole("status")).toHaveText("Chat history restored (2 keys).");
  await eliLaptop.screenshot({ path: "test-results/backup-restored.png" });
  await expect(bubble(eliLaptop, "Meet at the old mill")).toBeVisible();
  await expect(bubble(eliLaptop, "At noon")).toBeVisible();
  await expect(eliLaptop.getByRole("log").getByText("Waiting for this message…")).toHaveCount(0);
  await Promise.all(contexts.map((c) => c.close()));
});

test("a new device gets the history from the user's other device once the user agrees there", async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL: base });
  const [gus, hal] = [await createUser(api, "Gus"), await createUser(api, "Hal")];
  await befriend(api, gus, hal);
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ baseURL: base })));
  const [gusPhone, halPage] = await Promise.all([signIn(contexts[0], gus), signIn(contexts[1], hal)]);
  await expect.poll(() => devicesOf(api, gus, hal), KEYS_PUBLISHED).toBe(1);
  await openChat(halPage, gus);
  await sendText(halPage, "The keys are under the mat");
  await openChat(gusPhone, hal);
  await expect(bubble(gusPhone, "The keys are under the mat")).toBeVisible();

  // Gus signs in on a laptop: it asks his phone for the history, and the phone asks Gus.
  contexts.push(await browser.newContext({ baseURL: base }));
  const gusLaptop = await signIn(contexts[2], gus);
  await openChat(gusLaptop, hal);
  await expect(gusLaptop.getByRole("log").getByText("Waiting for this message…")).toBeVisible();
  const asked = gusPhone.getByRole("region", { name: "Share chat history" });
  await expect(asked).toContainText("A new device signed in to your account");
  await asked.getByRole("button", { name: "Share history" }).click();
  await expect(gusPhone.getByRole("status").filter({ hasText: "Chat history sent to your new device" })).toBeVisible();
  await expect(bubble(gusLaptop, "The keys are under the mat")).toBeVisible();
  await Promise.all(contexts.map((c) => c.close()));
});

test("one tab of a session runs the encryption; another takes it over with Use here", async ({ browser, playwright }) => {
  test.setTimeout(90_000);
  const api = await playwright.request.newContext({ baseURL: base });
  const [ivy, jon] = [await createUser(api, "Ivy"), await createUser(api, "Jon")];
  await befriend(api, ivy, jon);
  const [ivyContext, jonContext] = await Promise.all([browser.newContext({ baseURL: base }), browser.newContext({ baseURL: base })]);
  const [firstTab, jonPage] = await Promise.all([signIn(ivyContext, ivy), signIn(jonContext, jon)]);
  await expect.poll(() => devicesOf(api, jon, ivy), KEYS_PUBLISHED).toBe(1);
  const secondTab = await ivyContext.newPage();
  await secondTab.goto("/");
  const busy = (page: typeof firstTab) => page.getByRole("alert").filter({ hasText: "Chatterbox is open in another tab" });
  await expect(busy(secondTab)).toBeVisible();
  await expect(busy(firstTab)).toHaveCount(0);

  await busy(secondTab).getByRole("button", { name: "Use here" }).click();
  await expect(busy(secondTab)).toHaveCount(0);
  await expect(busy(firstTab)).toBeVisible();
  await openChat(jonPage, ivy);
  await sendText(jonPage, "Which tab reads this?");
  await openChat(secondTab, jon);
  await expect(bubble(secondTab, "Which tab reads this?")).toBeVisible();
  await openChat(firstTab, jon);
  await expect(firstTab.getByRole("log").getByText("Waiting for this message…")).toBeVisible();
  await Promise.all([ivyContext.close(), jonContext.close()]);
});
