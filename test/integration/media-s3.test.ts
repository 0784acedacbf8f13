// Media on S3-compatible object storage against the real server: a real S3 server (s3rver) started here,
// the server pointed at its bucket by S3_* variables. Uploads (one-shot and resumable) land in the bucket
// and nowhere on the local disk, downloads stream from it with ranges, freed and abandoned bytes leave
// it, and what is refused (too large, not what it claims to be) never reaches it.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateMultipartUploadCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../lib/contracts/errors";
import type { UploadedFile } from "../../lib/contracts/media";
import type { ChatMessage } from "../../lib/contracts/messaging";
import { createUser, request, type TestUser } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { openDirect } from "../helpers/messaging";
import { startS3, type TestS3 } from "../helpers/s3-server";
import { type RunningServer, startServer } from "../helpers/server";
import { completeUpload, interruptedUpload, uploadOffset } from "../helpers/tus";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const blobKey = (sha256: string) => `chat/media/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
const pdf = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe("media on S3-compatible object storage", () => {
  let s3: TestS3;
  let server: RunningServer;
  let dataDir: string;
  let env: Record<string, string>;
  let ana: TestUser;
  let ben: TestUser;

  beforeAll(async () => {
    s3 = await startS3();
    dataDir = mkdtempSync(path.join(tmpdir(), "cbx-media-s3-"));
    env = { DATABASE_URL: freshSqliteUrl(), DATA_DIR: dataDir, MEDIA_MAX_MB: "1", ...s3.env("chat/") };
    server = await startServer(env);
    [ana, ben] = await Promise.all([createUser(server.url, "Ana"), createUser(server.url, "Ben")]);
  });
  afterAll(async () => {
    await server?.stop();
    await s3?.close();
  });

  const upload = (user: TestUser, fileType: string, bytes: Buffer, name = "file.bin") => {
    const body = new FormData();
    body.append("file_type", fileType);
    body.append("file", new Blob([new Uint8Array(bytes)]), name);
    return request<UploadedFile & { error: ApiErrorBody }>(server.url, "POST", "/api/v1/media", { token: user.token, body });
  };
  const download = (user: TestUser, fileId: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1/media/${fileId}`, { headers: { authorization: `Bearer ${user.token}`, ...headers } });
  /** Media's files on the local disk: none but the temporary ones of uploads under way. */
  const localMediaFiles = () =>
    readdirSync(path.join(dataDir, "media"), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());

  it("stores an upload in the bucket under its SHA-256 and streams it back whole and in ranges", async () => {
    const first = await upload(ana, "document", pdf, "notes.pdf");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ sha256: sha(pdf), mime: "application/pdf", size: pdf.length, pageCount: null });
    expect((await upload(ana, "document", pdf, "again.pdf")).body.sha256).toBe(first.body.sha256);
    expect(await s3.keys("chat/media/")).toEqual([blobKey(sha(pdf))]);

    const whole = await download(ana, first.body.fileId);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(pdf)).toBe(true);
    const part = await download(ana, first.body.fileId, { range: "bytes=1-3" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1-3/${pdf.length}`);
    expect(await part.text()).toBe("PDF");
    expect(await (await download(ana, first.body.fileId, { range: "bytes=-6" })).text()).toBe("%%EOF\n");
    expect((await download(ana, first.body.fileId, { range: `bytes=${pdf.length}-` })).status).toBe(416);
    expect(localMediaFiles()).toEqual([]);
  });

  it("makes an image's thumbnail from the bytes on their way to the bucket, and stores them without their EXIF", async () => {
    const tagged = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#48c" } })
      .jpeg()
      .withExifMerge({ IFD0: { Make: "Phone" } })
      .toBuffer();
    const { status, body } = await upload(ana, "image", tagged, "street.jpg");
    expect(status).toBe(201);
    expect(body).toMatchObject({ width: 300, height: 200, placeholder: expect.stringMatching(/^data:image\/webp;base64,/) });
    const thumb = await download(ana, `${body.fileId}/thumbnail`);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(300);
    const full = Buffer.from(await (await download(ana, body.fileId)).arrayBuffer());
    expect([sha(full), full.includes("Phone")]).toEqual([body.sha256, false]);
    expect(await s3.keys("chat/media/")).toContain(blobKey(body.sha256));
  });

  it("puts nothing in the bucket that is over the limit (413) or isn't what it claims to be (415)", async () => {
    const before = await s3.keys();
    // Declared within the limit and its form's framing, so it streams into storage: its bytes stop it.
    const over = await upload(ana, "video", Buffer.alloc(1_048_576 + 20_000, 1), "long.mp4");
    expect(over.status).toBe(413);
    expect(over.body.error.message).toBe("Photos, videos and audio can be at most 1 MB");
    const wrong = await upload(ana, "image", Buffer.concat([pdf, Buffer.from(String(Math.random()))]), "cat.jpg");
    expect(wrong.status).toBe(415);
    expect(await s3.keys()).toEqual(before);
    expect(localMediaFiles()).toEqual([]);
  });

  it("deletes the object once no message or upload needs its bytes", async () => {
    const chat = await openDirect(server.url, ana, ben);
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#f80" } })
      .png()
      .toBuffer();
    const file = (await upload(ana, "image", photo, "dot.png")).body;
    const sent = await request<{ message: ChatMessage }>(server.url, "POST", "/api/v1/messages", {
      token: ana.token,
      json: { id: `s3-photo-${Date.now()}`, conversationId: chat.id, type: "image", fileId: file.fileId },
    });
    expect(sent.status).toBe(201);
    expect((await download(ben, file.fileId)).status).toBe(200);
    expect(await s3.keys("chat/media/")).toContain(blobKey(file.sha256));
    const removed = await request(server.url, "DELETE", `/api/v1/conversations/${chat.id}/messages/${sent.body.message.seq}?for=everyone`, {
      token: ana.token,
    });
    expect(removed.status).toBe(200);
    await expect.poll(() => s3.keys("chat/media/")).not.toContain(blobKey(file.sha256));
    expect((await download(ana, file.fileId)).status).toBe(404);
  });

  it("keeps a resumable upload's parts in the bucket, resumes it where it stopped, and leaves none behind", async () => {
    const noisy = await sharp({
      create: { width: 700, height: 700, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(300_000);
    const metadata = { file_type: "image", filename: "noise.jpg" };
    const uploadUrl = await interruptedUpload(server.url, ana.token, noisy, metadata);
    const { offset } = await uploadOffset(uploadUrl, ana.token);
    expect(offset).toBeGreaterThanOrEqual(128 * 1024);
    expect(offset).toBeLessThan(noisy.length);
    const id = uploadUrl.split("/").at(-1) as string;
    expect(await s3.keys("chat/uploads/")).toEqual([`chat/uploads/${id}.info`, `chat/uploads/${id}.part`]);
    expect(await s3.multipartUploads()).toEqual([`chat/uploads/${id}`]);
    expect((await uploadOffset(uploadUrl, ben.token)).status).toBe(404);

    const { file, resumedFrom } = await completeUpload({ uploadUrl }, ana.token, noisy, metadata);
    expect(resumedFrom).toBeGreaterThanOrEqual(offset);
    expect(file).toMatchObject({ sha256: sha(noisy), kind: "image", mime: "image/jpeg", size: noisy.length, fileName: "noise.jpg" });
    expect(Buffer.from(await (await download(ana, file.fileId)).arrayBuffer()).equals(noisy)).toBe(true);
    expect(await s3.keys("chat/uploads/")).toEqual([]);
    expect(await s3.multipartUploads()).toEqual([]);
    expect((await uploadOffset(uploadUrl, ana.token)).status).toBe(404);
    expect(localMediaFiles()).toEqual([]);
  });

  it("answers a resumable upload that isn't what it claims to be with 415, and keeps nothing of it", async () => {
    const before = await s3.keys();
    await expect(completeUpload({ base: server.url }, ana.token, pdf, { file_type: "image", filename: "cat.jpg" })).rejects.toThrow(
      /response code: 415/,
    );
    expect(await s3.keys()).toEqual(before);
    expect(await s3.multipartUploads()).toEqual([]);
  });

  it("deletes an abandoned resumable upload from the bucket once it expires", async () => {
    const created = await fetch(`${server.url}/api/v1/media/uploads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${ana.token}`,
        "Tus-Resumable": "1.0.0",
        "Upload-Length": "1000",
        "Upload-Metadata": `file_type ${btoa("document")}`,
      },
    });
    expect(created.status).toBe(201);
    const url = created.headers.get("location") as string;
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
    expect(await s3.keys("chat/uploads/")).toHaveLength(2);
    // Another application's multipart upload in the same bucket, as old: not the server's to abort.
    await s3.client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: "other-app/backup.tar" }));

    // A day later (as the bucket's record of the multipart upload says), the restarted server sweeps it away.
    await server.stop();
    await s3.backdateUploads(25 * 3_600_000);
    server = await startServer(env);
    await expect.poll(() => s3.keys("chat/uploads/"), { timeout: 15_000 }).toEqual([]);
    expect(await s3.multipartUploads()).toEqual(["other-app/backup.tar"]);
    const id = url.split("/").at(-1);
    expect((await uploadOffset(`${server.url}/api/v1/media/uploads/${id}`, ana.token)).status).toBe(404);
  }, 90_000);
});
