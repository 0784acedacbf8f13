import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressStatic } from "../../scripts/compress-static";
import { acceptsBrotli, staticAssets } from "./static-assets";

describe("build assets in brotli", () => {
  it("reads Accept-Encoding as browsers send it", () => {
    expect(acceptsBrotli("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsBrotli("br;q=0.5, gzip")).toBe(true);
    expect(acceptsBrotli(["gzip", "BR"])).toBe(true);
    expect(acceptsBrotli("gzip, deflate")).toBe(false);
    expect(acceptsBrotli("br;q=0, gzip")).toBe(false);
    expect(acceptsBrotli("brotli")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });

  it("answers a build asset from its brotli copy when the browser accepts brotli, and leaves the rest to Next", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cbx-static-"));
    mkdirSync(path.join(dir, "chunks"));
    const script = `console.log(${JSON.stringify("chatterbox ".repeat(500))});`;
    writeFileSync(path.join(dir, "chunks", "[root]__app.js"), script);
    writeFileSync(path.join(dir, "chunks", "tiny.js"), "1");
    writeFileSync(path.join(dir, "photo.png"), brotliCompressSync("not text"));
    await compressStatic(dir);
    const serve = staticAssets(dir);
    const server = createServer((req, res) => {
      if (!serve(req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_next/static`;
    // node:http, not fetch: fetch would decompress the body itself.
    const get = (file: string, headers: Record<string, string> = { "accept-encoding": "gzip, br" }) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        httpGet(`${base}/${file}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        }).on("error", reject);
      });
    try {
      const br = await get("chunks/%5Broot%5D__app.js?dpl=1");
      expect([br.status, br.headers["content-encoding"], br.headers["content-type"], br.headers.vary]).toEqual([
        200,
        "br",
        "application/javascript; charset=utf-8",
        "Accept-Encoding",
      ]);
      expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(br.body.length).toBeLessThan(script.length / 10);
      expect(brotliDecompressSync(br.body).toString()).toBe(script);
      // Without brotli, with a range, without a smaller copy, or not a text asset: Next's.
      expect((await get("chunks/%5Broot%5D__app.js", { "accept-encoding": "gzip" })).status).toBe(418);
      expect((await get("chunks/%5Broot%5D__app.js", { "accept-encoding": "br", range: "bytes=0-9" })).status).toBe(418);
      expect((await get("chunks/tiny.js")).status).toBe(418);
      expect((await get("photo.png")).status).toBe(418);
      expect((await get("chunks/../chunks/tiny.js")).status).toBe(418);
    } finally {
      server.close();
    }
  });
});
