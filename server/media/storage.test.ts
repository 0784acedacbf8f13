import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { BlobTooLarge, LocalDiskStorage } from "./storage";

const fresh = () => {
  const root = mkdtempSync(path.join(tmpdir(), "cbx-media-"));
  return { root, storage: new LocalDiskStorage(root) };
};
const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
/** A stream of `chunks` pieces, as a network upload arrives. */
const chunked = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));

describe("local disk media storage", () => {
  it("stores bytes under their SHA-256, once however often they come", async () => {
    const { root, storage } = fresh();
    const first = await storage.put(chunked("hello ", "world"), 1_000);
    expect(first).toEqual({ sha256: sha("hello world"), size: 11, created: true });
    const again = await storage.put(chunked("hello", " world"), 1_000);
    expect(again).toEqual({ ...first, created: false });
    expect(readdirSync(path.join(root, first.sha256.slice(0, 2), first.sha256.slice(2, 4)))).toEqual([first.sha256]);
    expect(readdirSync(path.join(root, "tmp"))).toEqual([]);
    expect(await text((await storage.read(first.sha256)) as Readable)).toBe("hello world");
    expect(await storage.size(first.sha256)).toBe(11);
  });

  it("reads a byte range, inclusive at both ends", async () => {
    const { storage } = fresh();
    const { sha256 } = await storage.put(chunked("0123456789"), 100);
    expect(await text((await storage.read(sha256, { start: 2, end: 5 })) as Readable)).toBe("2345");
  });

  it("refuses a stream past the limit and keeps nothing of it", async () => {
    const { root, storage } = fresh();
    await expect(storage.put(chunked("12345", "67890", "x"), 10)).rejects.toBeInstanceOf(BlobTooLarge);
    expect(readdirSync(root).filter((d) => d !== "tmp")).toEqual([]);
    expect(readdirSync(path.join(root, "tmp"))).toEqual([]);
  });

  it("keeps nothing of a stream that breaks off", async () => {
    const { root, storage } = fresh();
    const broken = Readable.from(
      (async function* () {
        yield Buffer.from("partial");
        throw new Error("connection reset");
      })(),
    );
    await expect(storage.put(broken, 1_000)).rejects.toThrow("connection reset");
    expect(readdirSync(path.join(root, "tmp"))).toEqual([]);
  });

  it("stores the same bytes arriving twice at once as one blob", async () => {
    const { storage } = fresh();
    const big = "x".repeat(200_000);
    const [a, b] = await Promise.all([storage.put(chunked(big), 1_000_000), storage.put(chunked(big), 1_000_000)]);
    expect(a.sha256).toBe(b.sha256);
    expect(await storage.size(a.sha256)).toBe(200_000);
  });

  it("answers null for unknown or malformed ids, and forgets removed blobs", async () => {
    const { storage } = fresh();
    expect(await storage.read(sha("nothing"))).toBeNull();
    expect(await storage.size("../../etc/passwd")).toBeNull();
    const { sha256 } = await storage.put(chunked("gone soon"), 100);
    await storage.remove(sha256);
    expect(await storage.localPath(sha256)).toBeNull();
  });
});
