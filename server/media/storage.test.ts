// One contract, two backends: the local disk, and S3-compatible object storage (a real S3 server, s3rver,
// started here), each made by createMediaStorage from the environment as the server makes it.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3, type TestS3 } from "../../test/helpers/s3-server";
import { loadEnv } from "../env";
import { createMediaStorage } from "./create-storage";
import { BlobTooLarge, type MediaStorage, shardedName } from "./storage";

const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
/** A stream of `chunks` pieces, as a network upload arrives. */
const chunked = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));
/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3?.close();
});

interface Backend {
  storage: MediaStorage;
  /** DATA_DIR/media: the blobs on the local disk, and the temporary files of both backends. */
  mediaDir: string;
  /** The names (ab/cd/<sha256>) of the stored blobs. */
  stored(): Promise<string[]>;
}

const backends: { name: string; fresh: () => Promise<Backend> }[] = [
  {
    name: "local disk",
    async fresh() {
      const dataDir = mkdtempSync(path.join(tmpdir(), "cbx-media-"));
      const mediaDir = path.join(dataDir, "media");
      return {
        storage: await createMediaStorage(loadEnv({ DATA_DIR: dataDir })),
        mediaDir,
        stored: async () => filesUnder(mediaDir).filter((file) => !file.startsWith("tmp/")),
      };
    },
  },
  {
    name: "S3-compatible object storage",
    async fresh() {
      const dataDir = mkdtempSync(path.join(tmpdir(), "cbx-media-"));
      const prefix = `t${Math.random().toString(36).slice(2, 10)}/`;
      return {
        storage: await createMediaStorage(loadEnv({ DATA_DIR: dataDir, ...s3.env(prefix) })),
        mediaDir: path.join(dataDir, "media"),
        stored: async () => (await s3.keys(prefix)).map((key) => key.slice(`${prefix}media/`.length)),
      };
    },
  },
];

describe.each(backends)("media storage on the $name", ({ fresh }) => {
  /** Nothing is left on the local disk but an empty tmp folder (and, on disk, the blobs). */
  const expectNoTemporaryFiles = (backend: Backend) => expect(readdirSync(path.join(backend.mediaDir, "tmp"))).toEqual([]);

  it("stores bytes under their SHA-256, once however often they come", async () => {
    const backend = await fresh();
    const { storage } = backend;
    const first = await storage.put(chunked("hello ", "world"), 1_000);
    expect(first).toEqual({ sha256: sha("hello world"), size: 11, created: true });
    const again = await storage.put(chunked("hello", " world"), 1_000);
    expect(again).toEqual({ ...first, created: false });
    expect(await backend.stored()).toEqual([shardedName(first.sha256)]);
    expectNoTemporaryFiles(backend);
    expect(await text((await storage.read(first.sha256)) as Readable)).toBe("hello world");
    expect(await storage.size(first.sha256)).toBe(11);
  });

  it("reads a byte range, inclusive at both ends", async () => {
    const { storage } = await fresh();
    const { sha256 } = await storage.put(chunked("0123456789"), 100);
    expect(await text((await storage.read(sha256, { start: 2, end: 5 })) as Readable)).toBe("2345");
    expect(await text((await storage.read(sha256, { start: 9, end: 9 })) as Readable)).toBe("9");
  });

  it("refuses a stream past the limit and keeps nothing of it", async () => {
    const backend = await fresh();
    await expect(backend.storage.put(chunked("12345", "67890", "x"), 10)).rejects.toBeInstanceOf(BlobTooLarge);
    expect(await backend.stored()).toEqual([]);
    expectNoTemporaryFiles(backend);
  });

  it("keeps nothing of a stream that breaks off", async () => {
    const backend = await fresh();
    const broken = Readable.from(
      (async function* () {
        yield Buffer.from("partial");
        throw new Error("connection reset");
      })(),
    );
    await expect(backend.storage.put(broken, 1_000)).rejects.toThrow("connection reset");
    expect(await backend.stored()).toEqual([]);
    expectNoTemporaryFiles(backend);
  });

  it("hands the complete bytes to the inspection before storing them, and stores nothing it refuses", async () => {
    const backend = await fresh();
    const { storage } = backend;
    let seen = "";
    const stored = await storage.put(chunked("all ", "of ", "it"), 100, async (file) => {
      seen = readFileSync(file, "utf8");
      expect(await storage.size(sha("all of it"))).toBeNull();
    });
    expect([seen, stored.created]).toEqual(["all of it", true]);
    await expect(
      storage.put(chunked("not a photo"), 100, async () => {
        throw new Error("unsupported");
      }),
    ).rejects.toThrow("unsupported");
    expect(await storage.size(sha("not a photo"))).toBeNull();
    // Refused as a new upload, the bytes stored before stay.
    await expect(
      storage.put(chunked("all of it"), 100, async () => {
        throw new Error("unsupported");
      }),
    ).rejects.toThrow("unsupported");
    expect(await backend.stored()).toEqual([shardedName(stored.sha256)]);
    expectNoTemporaryFiles(backend);
  });

  it("stores the same bytes arriving twice at once as one blob", async () => {
    const backend = await fresh();
    const big = "x".repeat(200_000);
    const [a, b] = await Promise.all([backend.storage.put(chunked(big), 1_000_000), backend.storage.put(chunked(big), 1_000_000)]);
    expect(a.sha256).toBe(b.sha256);
    expect(await backend.storage.size(a.sha256)).toBe(200_000);
    expect(await backend.stored()).toEqual([shardedName(a.sha256)]);
  });

  it("answers null for unknown or malformed ids, and forgets removed blobs", async () => {
    const { storage } = await fresh();
    expect(await storage.read(sha("nothing"))).toBeNull();
    expect(await storage.size(sha("nothing"))).toBeNull();
    expect(await storage.size("../../etc/passwd")).toBeNull();
    expect(await storage.read("../../etc/passwd")).toBeNull();
    const { sha256 } = await storage.put(chunked("gone soon"), 100);
    await storage.remove(sha256);
    await storage.remove(sha256);
    expect(await storage.size(sha256)).toBeNull();
    expect(await storage.read(sha256)).toBeNull();
  });
});

describe("media storage on S3-compatible object storage", () => {
  it("keeps nothing on the local disk but its temporary files while they are written", async () => {
    const backend = await backends[1].fresh();
    await backend.storage.put(chunked("in the bucket"), 100);
    expect(filesUnder(backend.mediaDir)).toEqual([]);
  });
});
