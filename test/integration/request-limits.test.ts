// Requests anyone can send must not cost the server more than their route can use: bodies bounded by
// their declared length and by the bytes they stream, images by the size their header declares, sync
// requests by the conversations they name, and every refusal the API's JSON error (issue 20's attacks).
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { request } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { ask } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const MiB = 1024 * 1024;

describe("request limits", () => {
  // SQLite only: what is measured here happens before any database work.
  const server = useTestServer(testDatabases[0]);

  /** The server process's resident memory, in MiB. */
  const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1]) / 1024;

  interface Sent {
    status: number;
    body: any;
    headers: Record<string, string | string[] | undefined>;
    /** Milliseconds from the first byte sent to the answer's head. */
    ms: number;
  }

  /**
   * Sends `total` bytes of body (the `head` first, then zeros) with no Content-Length (chunked, as an
   * attacker streaming a body would), stops as soon as the answer comes and returns it.
   */
  function sendChunked(
    method: string,
    path: string,
    headers: Record<string, string>,
    head: Buffer,
    total: number,
    tail = Buffer.alloc(0),
  ): Promise<Sent> {
    const url = new URL(path, server.base);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = httpRequest(url, { method, headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
        answered = true;
        const ms = performance.now() - started;
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, headers: res.headers, ms });
        });
      });
      req.on("error", (error) => {
        if (!answered) reject(error);
      });
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = () => {
        if (sent === 0) {
          req.write(head);
          sent = head.length;
        }
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end(tail);
      };
      pump();
    });
  }

  /** A request that declares `length` bytes of body and sends none of them: the answer must not wait for them. */
  function declareOnly(path: string, length: number, headers: Record<string, string> = {}): Promise<Sent> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        new URL(path, server.base),
        { method: "POST", headers: { ...headers, "content-length": String(length) } },
        (res) => {
          let text = "";
          res.on("data", (c) => {
            text += c;
          });
          res.on("end", () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), headers: res.headers, ms: performance.now() - started });
          });
        },
      );
      req.on("error", reject);
      req.flushHeaders();
    });
  }

  /** A PNG of 90 bytes whose header says it is `width` x `height` pixels. */
  async function pngDeclaring(width: number, height: number): Promise<Buffer> {
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    png.writeUInt32BE(width, 16);
    png.writeUInt32BE(height, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    return png;
  }

  describe("bounded request bodies", () => {
    it("refuses a chunked 50 MiB JSON body with 413 within a second, holding none of it", async () => {
      // Warm: the route's first request loads its code.
      await server.people("Ana");
      const before = rssMiB();
      const sent = await sendChunked(
        "POST",
        "/api/v1/auth/register",
        { "content-type": "application/json" },
        Buffer.from('{"username":"'),
        50 * MiB,
      );
      expect(sent.status).toBe(413);
      expect(sent.body.error).toMatchObject({ code: "payload_too_large", message: "The request body can be at most 64 KiB" });
      expect(sent.ms).toBeLessThan(1000);
      expect(rssMiB() - before).toBeLessThan(16);
      // The server is still there for everyone else.
      expect((await request(server.base, "GET", "/api/v1/system/health")).status).toBe(200);
    });

    it("refuses a declared length over the route's limit before reading any of it", async () => {
      const [ana] = await server.people("Ana");
      const json = await declareOnly("/api/v1/messages", 400 * MiB, {
        authorization: `Bearer ${ana.token}`,
        "content-type": "application/json",
      });
      expect(json.status).toBe(413);
      expect(json.body.error.code).toBe("payload_too_large");
      const avatar = await declareOnly("/api/v1/users/me/avatar", 300 * MiB, { authorization: `Bearer ${ana.token}` });
      expect(avatar.status).toBe(413);
      expect(avatar.ms).toBeLessThan(1000);
    });

    it("takes a 4,096-character message whose every character JSON escapes", async () => {
      const [ana, ben] = await server.people("Ana", "Ben");
      const text = "é".repeat(4096);
      const body = JSON.stringify({ id: "escaped-4096-chars", to: ben.userId, text }).replaceAll("é", "\\u00e9");
      expect(body.length).toBeGreaterThan(24_000);
      const sent = await request(server.base, "POST", "/api/v1/messages", {
        token: ana.token,
        headers: { "content-type": "application/json" },
        body,
      });
      expect(sent.body).toMatchObject({ message: { text } });
      expect(sent.status).toBe(201);
    });

    it("refuses a chunked 50 MiB avatar with 413 within a second, holding none of it", async () => {
      const [ana] = await server.people("Ana");
      const boundary = "----cbx-limit-test";
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
      );
      const before = rssMiB();
      const sent = await sendChunked(
        "PUT",
        "/api/v1/users/me/avatar",
        { authorization: `Bearer ${ana.token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
        head,
        50 * MiB,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      );
      expect(sent.status).toBe(413);
      expect(sent.body.error).toMatchObject({ code: "payload_too_large", field: "file" });
      expect(sent.ms).toBeLessThan(1000);
      expect(rssMiB() - before).toBeLessThan(16);
    });

    it("asks for a length where a library reads the body whole (next-auth's sign-in form)", async () => {
      const sent = await sendChunked(
        "POST",
        "/api/auth/callback/credentials",
        { "content-type": "application/x-www-form-urlencoded" },
        Buffer.from("username="),
        MiB,
      );
      expect(sent.status).toBe(411);
      expect(sent.body.error.code).toBe("length_required");
    });
  });

  describe("images are checked by their declared size before decoding", () => {
    it("refuses a tiny PNG declaring 16000x16000 as an avatar and as a photo, quickly", async () => {
      const [ana] = await server.people("Ana");
      const png = await pngDeclaring(16000, 16000);
      const avatarForm = new FormData();
      avatarForm.append("file", new Blob([new Uint8Array(png)]), "huge.png");
      const started = performance.now();
      const avatar = await request(server.base, "PUT", "/api/v1/users/me/avatar", { token: ana.token, body: avatarForm });
      expect(avatar.status).toBe(422);
      expect(avatar.body.error.message).toBe("Avatar images can be at most 25 megapixels (this one is 16000x16000)");

      const photoForm = new FormData();
      photoForm.append("file_type", "image");
      photoForm.append("file", new Blob([new Uint8Array(png)]), "huge.png");
      const photo = await request(server.base, "POST", "/api/v1/media", { token: ana.token, body: photoForm });
      expect(photo.status).toBe(422);
      expect(photo.body.error).toMatchObject({
        field: "file",
        message: "Photos can be at most 50 megapixels (this one is 16000x16000): send it as a document",
      });
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });

  describe("every error is the API's JSON, and no API answer is cached", () => {
    it("answers a broken %-escape in the path with 400 JSON, signed in or not", async () => {
      for (const path of ["/api/v1/media/%ff", "/api/v1/invites/%ff", "/%E0%A4%A"]) {
        const res = await request(server.base, "GET", path);
        expect(res.status, path).toBe(400);
        expect(res.body.error).toMatchObject({ code: "bad_request", field: "path" });
      }
    });

    it("marks JSON answers no-store: message history, profiles, errors", async () => {
      const [ana, ben] = await server.people("Ana", "Ben");
      const opened = await request(server.base, "POST", "/api/v1/conversations", { token: ana.token, json: { userId: ben.userId } });
      for (const path of [`/api/v1/conversations/${opened.body.id}/messages`, "/api/v1/users/me", "/api/v1/conversations/nope/messages"]) {
        const res = await request(server.base, "GET", path, { token: ana.token });
        expect(res.headers.get("cache-control"), path).toBe("no-store");
      }
      expect((await request(server.base, "GET", "/api/v1/users/me")).headers.get("cache-control")).toBe("no-store");
    });

    it("answers the resumable upload endpoint's refusals as JSON, and an empty upload as a clear 4xx", async () => {
      const [ana] = await server.people("Ana");
      const auth = { authorization: `Bearer ${ana.token}` };
      const noVersion = await request(server.base, "POST", "/api/v1/media/uploads", { headers: auth });
      expect(noVersion.status).toBe(412);
      expect(noVersion.body.error.code).toBe("bad_request");
      const unknown = await request(server.base, "PATCH", "/api/v1/media/uploads/nope", {
        headers: { ...auth, "tus-resumable": "1.0.0", "upload-offset": "0", "content-type": "application/offset+octet-stream" },
        body: "x",
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe("not_found");
      const metadata = `file_type ${Buffer.from("document").toString("base64")},filename ${Buffer.from("empty.txt").toString("base64")}`;
      const empty = await request(server.base, "POST", "/api/v1/media/uploads", {
        headers: { ...auth, "tus-resumable": "1.0.0", "upload-length": "0", "upload-metadata": metadata },
      });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatchObject({ code: "bad_request", message: "The file is empty", field: "file" });
    });
  });

  describe("sync requests", () => {
    it("refuses a cursor map naming more than 5,000 conversations at once, cheaply", async () => {
      const [ana] = await server.people("Ana");
      const socket = await server.connectAs(ana);
      const cursors = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`c${i}`, i]));
      const started = performance.now();
      const ack = await ask(socket, "sync:request", { cursors });
      expect(ack).toMatchObject({ ok: false, error: { code: "bad_request", field: "cursors" } });
      expect(performance.now() - started).toBeLessThan(200);
    });
  });
});
