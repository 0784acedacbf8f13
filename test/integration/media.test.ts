// Media uploads and downloads against the real server: typed by their bytes, limited in size before the
// body is read whole, stored once per content, and served with ranges and caching to whoever may see them.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../lib/contracts/errors";
import { ENCRYPTED_FILE_MIME, ENCRYPTED_FILE_NAME, type UploadedFile } from "../../lib/contracts/media";
import { createUser, request, type TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { type RunningServer, startServer } from "../helpers/server";
import { completeUpload, interruptedUpload, uploadOffset } from "../helpers/tus";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const pdf = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

function form(fileType: string | null, bytes: Buffer | null, name = "file.bin"): FormData {
  const f = new FormData();
  if (fileType !== null) f.append("file_type", fileType);
  if (bytes) f.append("file", new Blob([new Uint8Array(bytes)]), name);
  return f;
}

describe.each(testDatabases)("media on $name", (database) => {
  let server: RunningServer;
  let dataDir: string;
  let databaseUrl: string;
  let ana: TestUser;
  let photo: Buffer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "cbx-media-it-"));
    databaseUrl = database.url();
    server = await startServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MEDIA_MAX_MB: "1" });
    ana = await createUser(server.url, "Ana");
    photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#2a6" } })
      .jpeg()
      .toBuffer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const upload = (user: TestUser, body: FormData) =>
    request<UploadedFile & { error: ApiErrorBody }>(server.url, "POST", "/api/v1/media", { token: user.token, body });
  const download = (user: TestUser | null, fileId: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1/media/${fileId}`, { headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...headers } });

  it("stores an upload once per content, types it by its bytes, and serves it back with caching", async () => {
    const first = await upload(ana, form("image", photo, "holiday.pdf"));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      sha256: sha(photo),
      kind: "image",
      mime: "image/jpeg",
      size: photo.length,
      fileName: "holiday.pdf",
    });
    const again = await upload(ana, form("image", photo, "copy.jpg"));
    expect(again.body.sha256).toBe(first.body.sha256);
    expect(again.body.fileId).not.toBe(first.body.fileId);
    const shard = path.join(dataDir, "media", first.body.sha256.slice(0, 2), first.body.sha256.slice(2, 4));
    expect(readdirSync(shard)).toEqual([first.body.sha256]);

    const res = await download(ana, first.body.fileId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("etag")).toBe(`"${first.body.sha256}"`);
    expect(res.headers.get("cache-control")).toBe("private, max-age=31536000, immutable, no-transform");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);
    expect((await download(ana, first.body.fileId, { "if-none-match": `"${first.body.sha256}"` })).status).toBe(304);
  });

  it("takes the same photo from several people at once: each gets their file, the bytes are stored once", async () => {
    // Found by the REST bench on PostgreSQL: two uploads of the same bytes recorded the blob at once and
    // the second failed with a unique-constraint 500.
    const people = [ana, ...(await Promise.all(["Ben", "Cy", "Di", "Ed", "Flo"].map((name) => createUser(server.url, name))))];
    const same = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#a26" } })
      .jpeg()
      .toBuffer();
    const answers = await Promise.all(people.map((person) => upload(person, form("image", same, "same.jpg"))));
    expect(answers.map((a) => a.status)).toEqual(people.map(() => 201));
    expect(new Set(answers.map((a) => a.body.sha256)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.fileId)).size).toBe(people.length);
    expect(answers.map((a) => [a.body.width, a.body.height])).toEqual(people.map(() => [80, 60]));
    for (const [i, person] of people.entries()) expect((await download(person, answers[i].body.fileId)).status).toBe(200);
  });

  it("makes an image's thumbnail and blur placeholder, and strips its EXIF and GPS from what is downloaded", async () => {
    // 300x200 as stored, EXIF orientation 6 (shown turned a quarter: 200x300), with a GPS position.
    const tagged = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#48c" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: "Phone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
      .toBuffer();
    expect((await sharp(tagged).metadata()).exif).toBeDefined();
    const { body } = await upload(ana, form("image", tagged, "street.jpg"));
    expect(body).toMatchObject({ width: 200, height: 300, placeholder: expect.stringMatching(/^data:image\/webp;base64,/) });
    const thumb = await download(ana, `${body.fileId}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([200, 300, undefined]);
    // What anyone downloads is the original without its EXIF: no GPS, no camera, still upright, same pixels.
    const full = Buffer.from(await (await download(ana, body.fileId)).arrayBuffer());
    expect(body.sha256).toBe(sha(full));
    expect(full.includes("Phone")).toBe(false);
    expect((await sharp(full).metadata()).exif?.length).toBeLessThan(64); // the orientation alone
    expect(full.length).toBeLessThan(tagged.length);
    expect((await sharp(full).metadata()).orientation).toBe(6);
    expect((await sharp(full).raw().toBuffer()).equals(await sharp(tagged).raw().toBuffer())).toBe(true);
    const pdfUpload = await upload(ana, form("document", pdf));
    expect(pdfUpload.body).toMatchObject({ width: null, height: null, placeholder: null });
    expect((await download(ana, `${pdfUpload.body.fileId}/thumbnail`)).status).toBe(404);
  });

  it("answers byte ranges", async () => {
    const { body } = await upload(ana, form("document", pdf, "notes.pdf"));
    const part = await download(ana, body.fileId, { range: "bytes=1-3" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1-3/${pdf.length}`);
    expect(await part.text()).toBe("PDF");
    const tail = await download(ana, body.fileId, { range: "bytes=-6" });
    expect(await tail.text()).toBe("%%EOF\n");
    const past = await download(ana, body.fileId, { range: `bytes=${pdf.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${pdf.length}`);
  });

  it("downloads a document as an attachment under its own name", async () => {
    const { body } = await upload(ana, form("document", Buffer.from("meeting notes\n"), "Résumé 2026.txt"));
    expect(body).toMatchObject({ mime: "application/octet-stream", fileName: "Résumé 2026.txt" });
    const res = await download(ana, body.fileId);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="R_sum_ 2026.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.txt`,
    );
  });

  it("refuses bytes that aren't the kind claimed (415), and forms without a type or a file (400)", async () => {
    const wrong = await upload(ana, form("image", pdf, "cat.jpg"));
    expect(wrong.status).toBe(415);
    expect(wrong.body.error).toMatchObject({ code: "unsupported_media_type", field: "file" });
    expect(wrong.body.error.message).toMatch(/JPEG, PNG, WebP or GIF/);
    expect((await upload(ana, form("sticker", photo))).body.error).toMatchObject({ code: "bad_request", field: "file_type" });
    expect((await upload(ana, form(null, photo))).body.error).toMatchObject({ code: "bad_request", field: "file_type" });
    expect((await upload(ana, form("image", null))).body.error).toMatchObject({ code: "bad_request", field: "file" });
  });

  it("stores an encrypted upload as it came: never read, described by its size only, downloaded as an attachment", async () => {
    // Ciphertext as far as the server can tell: random bytes, with a marker and a JPEG's first bytes in them.
    const marker = Buffer.from(`MARKER-${Math.random()}`);
    const bytes = Buffer.concat([photo.subarray(0, 64), randomBytes(20_000), marker]);
    const withFlag = new FormData();
    withFlag.append("file_type", "image");
    withFlag.append("encrypted", "true");
    withFlag.append("file", new Blob([new Uint8Array(bytes)]), "holiday.jpg");
    const res = await upload(ana, withFlag);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      mime: ENCRYPTED_FILE_MIME,
      fileName: ENCRYPTED_FILE_NAME,
      size: bytes.length,
      width: null,
      placeholder: null,
    });
    expect(res.body.sha256).toBe(sha(bytes));
    const got = await download(ana, res.body.fileId);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    expect(got.headers.get("content-type")).toBe(ENCRYPTED_FILE_MIME);
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="encrypted"/);
    expect(
      (await fetch(`${server.url}/api/v1/media/${res.body.fileId}/thumbnail`, { headers: { authorization: `Bearer ${ana.token}` } }))
        .status,
    ).toBe(404);
    // Its kind only picks the limit; a bad flag is refused.
    withFlag.set("file", new Blob([new Uint8Array(1_100_000)]), "big.bin");
    expect((await upload(ana, withFlag)).status).toBe(413);
    withFlag.set("encrypted", "yes");
    expect((await upload(ana, withFlag)).body.error).toMatchObject({ code: "bad_request", field: "encrypted" });
  });

  it("refuses an upload over the limit with 413 and the limit, from its declared length or from its bytes", async () => {
    // Bytes after the image's end: stripping would drop them, but they count against the limit all the same.
    const big = Buffer.concat([photo, Buffer.alloc(1_100_000)]);
    const declared = await upload(ana, form("image", big));
    expect(declared.status).toBe(413);
    expect(declared.body.error.message).toBe("Photos, videos and audio can be at most 1 MB");
    // Without a Content-Length (chunked), the count of the bytes themselves stops it.
    const boundary = "cbxboundary";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file_type"\r\n\r\nimage\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n\r\n`;
    let sent = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(head));
        if (sent > 3_000_000) return controller.close();
        sent += 65_536;
        controller.enqueue(new Uint8Array(65_536));
      },
    });
    const res = await fetch(`${server.url}/api/v1/media`, {
      method: "POST",
      body: chunked,
      headers: { authorization: `Bearer ${ana.token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe("Photos, videos and audio can be at most 1 MB");
    expect(readdirSync(path.join(dataDir, "media", "tmp"))).toEqual([]);
  });

  it("resumes an interrupted upload (tus) where it stopped, and answers it like a one-shot upload", async () => {
    const noisy = await sharp({
      create: { width: 700, height: 700, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(300_000);
    const metadata = { file_type: "image", filename: "noise.jpg" };
    // The first attempt stops after two chunks, as a dropped connection or a reload would.
    const uploadUrl = await interruptedUpload(server.url, ana.token, noisy, metadata);
    const { offset } = await uploadOffset(uploadUrl, ana.token);
    expect(offset).toBeGreaterThanOrEqual(128 * 1024);
    expect(offset).toBeLessThan(noisy.length);
    expect((await uploadOffset(uploadUrl, (await createUser(server.url, "Mallory")).token)).status).toBe(404);

    const { file: done, resumedFrom } = await completeUpload({ uploadUrl }, ana.token, noisy, metadata);
    expect(resumedFrom).toBeGreaterThanOrEqual(offset);
    expect(done).toMatchObject({ sha256: sha(noisy), kind: "image", mime: "image/jpeg", size: noisy.length, fileName: "noise.jpg" });
    expect(Buffer.from(await (await download(ana, done.fileId)).arrayBuffer()).equals(noisy)).toBe(true);
    expect(readdirSync(path.join(dataDir, "media", "uploads"))).toEqual([]);
  });

  it("deletes an abandoned resumable upload once it expires, and leaves nothing of it", async () => {
    const created = await fetch(`${server.url}/api/v1/media/uploads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${ana.token}`,
        "Tus-Resumable": "1.0.0",
        "Upload-Length": "1000",
        "Upload-Metadata": `file_type ${Buffer.from("document").toString("base64")}`,
      },
    });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get("location") as string, server.url).toString();
    const part = await fetch(url, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${ana.token}`,
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream",
      },
      body: new Uint8Array(400),
    });
    expect(part.headers.get("upload-offset")).toBe("400");
    const uploads = path.join(dataDir, "media", "uploads");
    expect(readdirSync(uploads).length).toBeGreaterThan(0);

    // A day later (as the upload's own record says) the server, restarted, sweeps it away.
    await server.stop();
    for (const name of readdirSync(uploads).filter((n) => n.endsWith(".json"))) {
      const info = JSON.parse(readFileSync(path.join(uploads, name), "utf8"));
      writeFileSync(
        path.join(uploads, name),
        JSON.stringify({ ...info, creation_date: new Date(Date.now() - 25 * 3_600_000).toISOString() }),
      );
    }
    server = await startServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MEDIA_MAX_MB: "1" });
    await expect.poll(() => readdirSync(uploads), { timeout: 15_000 }).toEqual([]);
    const head = await fetch(url.replace(/^https?:\/\/[^/]+/, server.url), {
      method: "HEAD",
      headers: { authorization: `Bearer ${ana.token}`, "Tus-Resumable": "1.0.0" },
    });
    expect([404, 410]).toContain(head.status);
  });

  it("refuses a resumable upload over the limit or without a session before any byte is sent", async () => {
    const create = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/v1/media/uploads`, {
        method: "POST",
        headers: { "Tus-Resumable": "1.0.0", "Upload-Length": "2000000", "Upload-Metadata": `file_type ${btoa("image")}`, ...headers },
      });
    const over = await create({ authorization: `Bearer ${ana.token}` });
    expect(over.status).toBe(413);
    expect((await over.json()).error.message).toBe("Photos, videos and audio can be at most 1 MB");
    expect((await create({})).status).toBe(401);
  });

  it("lets nobody else fetch a file, with the same 404 as for one that doesn't exist", async () => {
    const { body } = await upload(ana, form("image", photo));
    const eve = await createUser(server.url, "Eve");
    expect((await download(eve, body.fileId)).status).toBe(404);
    expect((await download(ana, "00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await download(null, body.fileId)).status).toBe(401);
  });
});
