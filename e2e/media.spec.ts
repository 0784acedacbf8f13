import { readFile } from "node:fs/promises";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import {
  act,
  anaAndBen,
  apiHeaders,
  attach,
  befriend,
  bubble,
  createUser,
  type E2EUser,
  keysPublished,
  openChat,
  recordClip,
  sendText,
  signedInContext,
} from "./fixtures";

/** The bytes of what a click downloads, and the name the browser was given for it. */
async function downloaded(page: Page, click: () => Promise<void>) {
  const download = page.waitForEvent("download");
  await click();
  const done = await download;
  return { name: done.suggestedFilename(), bytes: await readFile(await done.path()) };
}

/** A JPEG as a phone takes it: the picture, then EXIF with the camera and the GPS position. */
async function phonePhoto() {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: "#e07a3f" } })
    .composite([{ input: { create: { width: 320, height: 120, channels: 3, background: "#2b5d8a" } }, top: 360, left: 0 }])
    .jpeg()
    .withExif({ IFD0: { Make: "PhoneMaker", Model: "Pocket 3" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1" } })
    .toBuffer();
}

/** What the server gives anyone holding it for a file: its stored bytes and type (the uploader may download it). */
async function storedFile(request: APIRequestContext, user: E2EUser, fileId: string) {
  const res = await request.get(`/api/v1/media/${fileId}`, { headers: await apiHeaders(request, user) });
  return { type: res.headers()["content-type"], bytes: await res.body() };
}

/** The file id of the chat's newest message, as the server stores it. */
async function lastFileId(request: APIRequestContext, user: E2EUser, peer: E2EUser): Promise<string> {
  const headers = await apiHeaders(request, user);
  const chat = await (await request.post("/api/v1/conversations", { data: { userId: peer.userId }, headers })).json();
  const { messages } = await (await request.get(`/api/v1/conversations/${chat.id}/messages`, { headers })).json();
  return messages.at(-1).file.fileId;
}

test("a photo with a caption is encrypted on the device without its EXIF: the receiver sees it, opens it, downloads it, quotes it with its thumbnail and forwards it", async ({
  browser,
  baseURL,
  request,
}) => {
  const { ana, ben, a, b, close } = await anaAndBen(browser, baseURL as string, request);
  const photo = await phonePhoto();
  await attach(a.page, "Photos & videos", { name: "beach.jpg", mimeType: "image/jpeg", buffer: photo });
  const preview = a.page.getByRole("dialog", { name: "Send photo" });
  await preview.getByRole("textbox", { name: "Add a caption" }).fill("Sunset at the beach");
  await preview.getByRole("button", { name: "Send" }).click();
  await expect(preview).toBeHidden();
  const mine = a.page.getByRole("log").locator("[data-message]", { hasText: "Sunset at the beach" });
  await expect(mine.getByRole("img", { name: /^(Sent|Delivered|Read)$/ })).toBeVisible();

  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  const received = b.page.getByRole("log").getByRole("img", { name: "Sunset at the beach" });
  await expect(received).toBeVisible();
  // Decrypted on Ben's device: the picture comes from the page, not from the server.
  await expect(received).toHaveAttribute("src", /^blob:/);
  await expect.poll(() => received.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);

  await b.page.getByRole("button", { name: "Open photo" }).click();
  const viewer = b.page.getByRole("dialog", { name: "Photo viewer" });
  await expect(viewer.getByRole("img", { name: "Sunset at the beach" })).toBeVisible();
  const file = await downloaded(b.page, () => viewer.getByRole("link", { name: "Download" }).click());
  expect(file.name).toBe("beach.jpg");
  // A JPEG drawn again on Ana's device: the picture, without the camera's EXIF or the GPS position.
  expect(file.bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
  const metadata = await sharp(file.bytes).metadata();
  expect([metadata.width, metadata.height, metadata.exif]).toEqual([640, 480, undefined]);
  expect(file.bytes.includes("PhoneMaker")).toBe(false);
  await viewer.getByRole("button", { name: "Close" }).click();
  await expect(viewer).toBeHidden();
  // The server holds ciphertext only.
  const stored = await storedFile(request, ana, await lastFileId(request, ana, ben));
  expect(stored.type).toBe("application/vnd.chatterbox.encrypted");
  expect(stored.bytes.includes("PhoneMaker")).toBe(false);
  expect(stored.bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(false);

  // Ben forwards the photo: the copy refers to the same upload, its key inside the new message, and opens.
  await act(b.page, "Sunset at the beach", "Forward");
  const forward = b.page.getByRole("dialog", { name: "Forward message to" });
  await forward.locator("label", { hasText: "Ana" }).click();
  await forward.getByRole("button", { name: "Forward" }).click();
  const copy = a.page.getByRole("log").locator("[data-message]", { hasText: "Forwarded" }).last();
  await expect(copy.getByRole("img", { name: "Sunset at the beach" })).toHaveAttribute("src", /^blob:/);
  const headers = await apiHeaders(request, ana);
  const chat = await (await request.post("/api/v1/conversations", { data: { userId: ben.userId }, headers })).json();
  const { messages } = await (await request.get(`/api/v1/conversations/${chat.id}/messages`, { headers })).json();
  const photos = messages.filter((m: { file?: { fileId: string } }) => m.file).map((m: { file: { fileId: string } }) => m.file.fileId);
  expect(photos).toEqual([photos[0], photos[0]]);

  // Ben replies to the copy: the quote shows the small thumbnail that came inside the message (the
  // server can't make one of ciphertext), on both sides.
  await act(b.page, "Sunset at the beach", "Reply");
  await sendText(b.page, "Lovely colours");
  const quote = (page: Page) =>
    bubble(page, "Lovely colours").getByRole("button", { name: /^Quoted message from .*: Sunset at the beach\. Go to message$/ });
  for (const page of [b.page, a.page]) {
    const thumbnail = quote(page).locator("img");
    await expect(thumbnail).toHaveAttribute("src", /^data:image\/webp;base64,/);
    // 72 pixels on its longest side, sharp: not the 16-pixel placeholder.
    expect(await thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([72, 54]);
  }
  await close();
});

test("a document downloads under its own name; dropped and pasted pictures are sent like picked ones", async ({
  browser,
  baseURL,
  request,
}) => {
  const { ben, a, b, close } = await anaAndBen(browser, baseURL as string, request);
  const pdf = Buffer.from(
    "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  );
  await attach(a.page, "Document", { name: "Quarterly report.pdf", mimeType: "application/pdf", buffer: pdf });
  await a.page.getByRole("dialog", { name: "Send document" }).getByRole("button", { name: "Send" }).click();

  // Drag and drop onto the chat: the same preview, then the same send.
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();
  const transfer = await a.page.evaluateHandle(
    (bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], "drawing.png", { type: "image/png" }));
      return data;
    },
    [...png],
  );
  const chat = a.page.getByRole("region", { name: `Chat with ${ben.displayName}` });
  await chat.dispatchEvent("dragover", { dataTransfer: transfer });
  await expect(a.page.getByText("Drop files here to send them")).toBeVisible();
  await chat.dispatchEvent("drop", { dataTransfer: transfer });
  await a.page.getByRole("dialog", { name: "Send photo" }).getByRole("button", { name: "Send" }).click();
  // Pasted into the message box: the same again, with a caption.
  await a.page
    .getByRole("textbox", { name: "Message" })
    .evaluate(
      (box, data) => box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })),
      transfer,
    );
  const pasted = a.page.getByRole("dialog", { name: "Send photo" });
  await pasted.getByRole("textbox", { name: "Add a caption" }).fill("Pasted drawing");
  await pasted.getByRole("button", { name: "Send" }).click();

  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  const log = b.page.getByRole("log");
  // Encrypted: Download decrypts it on Ben's device (its page count was the server's to read: not any more).
  await expect(log.getByText(`PDF · ${pdf.length} B`)).toBeVisible();
  const file = await downloaded(b.page, () => log.getByRole("button", { name: "Download Quarterly report.pdf" }).click());
  expect(file.name).toBe("Quarterly report.pdf");
  expect(file.bytes.equals(pdf)).toBe(true);
  await expect(log.getByRole("img", { name: "Photo" })).toBeVisible();
  await expect(log.getByRole("img", { name: "Pasted drawing" })).toBeVisible();
  await close();
});

test("an encrypted upload cut off by a reload continues where the server has it, with the same ciphertext, and the message is sent once", async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(90_000);
  const [ana, ben] = [await createUser(request, "Ana"), await createUser(request, "Ben")];
  await befriend(request, ana, ben);
  const a = await signedInContext(browser, baseURL as string, ana);
  const b = await signedInContext(browser, baseURL as string, ben);
  await keysPublished(request, ana, ben);
  await openChat(a.page, ben);
  // 10 MB goes up in two pieces (8 MB, then 2 MB): the first arrives, then every later one fails, as on
  // a connection that died mid-upload.
  let pieces = 0;
  const uploads = "**/api/v1/media/uploads/*";
  await a.context.route(uploads, (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    pieces += 1;
    return pieces === 1 ? route.continue() : route.abort();
  });
  let reloaded = false;
  const creations: string[] = [];
  const resumedAt: string[] = [];
  a.context.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/media/uploads")) creations.push(r.url());
    if (r.method() === "PATCH" && reloaded) resumedAt.push(r.headers()["upload-offset"]);
  });
  const report = Buffer.alloc(10_000_000, "quarterly numbers ");
  await attach(a.page, "Document", { name: "report.txt", mimeType: "text/plain", buffer: report });
  await a.page.getByRole("dialog", { name: "Send document" }).getByRole("button", { name: "Send" }).click();
  await expect.poll(() => pieces, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

  // After a reload the outbox still has the file, and the upload goes on from the server's 8 MB.
  reloaded = true;
  await a.page.reload();
  await a.page.getByRole("button", { name: /Ben/ }).first().click();
  await expect(a.page.getByRole("log").getByRole("button", { name: "Cancel upload" })).toBeVisible();
  await expect.poll(() => resumedAt, { timeout: 15_000 }).toContain(String(8 * 1024 * 1024));
  await a.context.unroute(uploads);
  const sent = a.page.getByRole("log").locator("[data-message]", { hasText: "report.txt" });
  await expect(sent.getByRole("img", { name: /^(Sent|Delivered|Read)$/ })).toBeVisible({ timeout: 30_000 });
  expect(creations).toHaveLength(1);
  expect(resumedAt.every((offset) => offset === String(8 * 1024 * 1024))).toBe(true);

  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  const file = await downloaded(b.page, () => b.page.getByRole("log").getByRole("button", { name: "Download report.txt" }).click());
  expect(file.bytes.equals(report)).toBe(true);
  expect((await storedFile(request, ana, await lastFileId(request, ana, ben))).bytes.includes("quarterly numbers")).toBe(false);
  await expect(b.page.getByRole("log").locator("[data-message]")).toHaveCount(1);
  await a.context.close();
  await b.context.close();
});

test("a voice note recorded with the microphone plays on the other side, with its waveform", async ({ browser, baseURL, request }) => {
  const { a, b, close } = await anaAndBen(browser, baseURL as string, request);
  await a.page.getByRole("button", { name: "Record voice message" }).click();
  // At least 3 s recorded (a 2 s window: the poll, slow on a loaded machine, can't miss it as it could miss "0:03" alone).
  await expect(a.page.getByRole("timer")).toHaveText(/^0:0[34]$/);
  await a.page.getByRole("button", { name: "Send voice message" }).click();

  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  const log = b.page.getByRole("log");
  // Encrypted: its waveform came inside the message, measured on Ana's device.
  await expect(log.locator("[data-waveform] > span")).toHaveCount(48);
  await log.getByRole("button", { name: "Play voice message" }).click();
  await expect(log.getByRole("button", { name: "Pause voice message" })).toBeVisible();
  await expect
    .poll(() => log.getByRole("slider", { name: "Playback position" }).evaluate((el: HTMLInputElement) => Number(el.value)))
    .toBeGreaterThan(0);
  await expect(b.page.getByRole("button", { name: /Ana/ }).first()).toContainText(/Voice message \(0:0[3-7]\)/);
  await close();
});

test("an encrypted video plays inline with its controls", async ({ browser, baseURL, request }) => {
  const { ben, a, b, close } = await anaAndBen(browser, baseURL as string, request);
  // A one-second WebM clip, dropped onto the chat.
  const clip = [...(await recordClip(a.page))];
  const transfer = await a.page.evaluateHandle((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], "clip.webm", { type: "video/webm" }));
    return data;
  }, clip);
  const chat = a.page.getByRole("region", { name: `Chat with ${ben.displayName}` });
  await chat.dispatchEvent("dragover", { dataTransfer: transfer });
  await chat.dispatchEvent("drop", { dataTransfer: transfer });
  const preview = a.page.getByRole("dialog", { name: "Send video" });
  await preview.getByRole("textbox", { name: "Add a caption" }).fill("Colours");
  await preview.getByRole("button", { name: "Send" }).click();

  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  const video = b.page.getByRole("log").locator("video");
  await expect(video).toHaveAccessibleName("Colours");
  // Decrypted on Ben's device.
  await expect(video).toHaveAttribute("src", /^blob:/);
  await expect(video).toHaveAttribute("controls", "");
  await video.evaluate((el: HTMLVideoElement) => {
    el.muted = true;
    return el.play();
  });
  await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.currentTime)).toBeGreaterThan(0);
  await close();
});

test("a location and a contact card: the map link opens OpenStreetMap, the card opens a chat", async ({ browser, baseURL, request }) => {
  const [ana, ben, cid] = [await createUser(request, "Ana"), await createUser(request, "Ben"), await createUser(request, "Cid")];
  const a = await signedInContext(browser, baseURL as string, ana);
  await a.context.grantPermissions(["geolocation"]);
  await a.context.setGeolocation({ latitude: 48.8584, longitude: 2.2945, accuracy: 15 });
  const b = await signedInContext(browser, baseURL as string, ben);
  await openChat(a.page, ben);

  await a.page.getByRole("button", { name: "Attach" }).click();
  await a.page.getByRole("menuitem", { name: "Location" }).click();
  await a.page.getByRole("dialog", { name: "Share location" }).getByRole("button", { name: "Share current location" }).click();

  await a.page.getByRole("button", { name: "Attach" }).click();
  await a.page.getByRole("menuitem", { name: "Location" }).click();
  const typed = a.page.getByRole("dialog", { name: "Share location" });
  await typed.getByRole("textbox", { name: "Latitude" }).fill("95");
  await typed.getByRole("textbox", { name: "Longitude" }).fill("13.4050");
  await typed.getByRole("button", { name: "Share this point" }).click();
  await expect(typed.getByText("Latitude must be between -90 and 90")).toBeVisible();
  await typed.getByRole("textbox", { name: "Latitude" }).fill("52.5200");
  await typed.getByRole("textbox", { name: "Place name" }).fill("Alexanderplatz");
  await typed.getByRole("button", { name: "Share this point" }).click();

  await a.page.getByRole("button", { name: "Attach" }).click();
  await a.page.getByRole("menuitem", { name: "Contact" }).click();
  const picker = a.page.getByRole("dialog", { name: "Share contact" });
  await picker.getByRole("textbox", { name: "Search contacts" }).fill(cid.username);
  // Until the search answers, the list still shows everyone (other tests' people called Cid too).
  await picker.getByRole("button", { name: "Cid", description: `@${cid.username}` }).click();

  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  const log = b.page.getByRole("log");
  const maps = log.getByRole("link", { name: "Open in OpenStreetMap" });
  await expect(maps).toHaveCount(2);
  await expect(maps.first()).toHaveAttribute("href", /mlat=48\.8584&mlon=2\.2945/);
  await expect(log.getByText("Accuracy ±15 m")).toBeVisible();
  await expect(log.getByText("Alexanderplatz")).toBeVisible();
  await expect(maps.last()).toHaveAttribute("href", /mlat=52\.52&mlon=13\.405/);

  await log.getByRole("button", { name: "Message Cid" }).click();
  await expect(b.page.getByRole("region", { name: "Chat with Cid" })).toBeVisible();
  await a.context.close();
  await b.context.close();
});
