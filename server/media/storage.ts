// Where media bytes live: content-addressed by SHA-256, so the same file uploaded twice (or forwarded) is
// stored once. Bytes are streamed through a hash into a temporary file and moved into place with one
// rename, so a reader never sees half a file and nothing is held whole in memory. The interface is what an
// S3-compatible backend would implement too; the local-disk one is the default (under DATA_DIR/media).
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when these bytes were already stored. */
  created: boolean;
}

/** The source had more bytes than allowed; nothing was kept. */
export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
    this.name = "BlobTooLarge";
  }
}

/** By name: Next bundles its own copy of this module for route handlers, so `instanceof` can't tell. */
export const isBlobTooLarge = (error: unknown): error is BlobTooLarge => error instanceof Error && error.name === "BlobTooLarge";

/** Passes bytes through until more than `maxBytes` went by, then fails with BlobTooLarge. */
export function limitedTo(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > maxBytes ? new BlobTooLarge(maxBytes) : null, chunk);
    },
  });
}

export interface MediaStorage {
  /** Streams `source` in; rejects with BlobTooLarge (keeping nothing) past `maxBytes`. */
  put(source: Readable, maxBytes: number): Promise<StoredBlob>;
  /** The blob's bytes, or the inclusive range `start`..`end` of them; null when there is no such blob. */
  read(sha256: string, range?: { start: number; end: number }): Promise<Readable | null>;
  /** The blob's size in bytes, or null when there is none. */
  size(sha256: string): Promise<number | null>;
  /** A local path to the blob, for tools that need a file (image decoding, type sniffing); null when missing. */
  localPath(sha256: string): Promise<string | null>;
  remove(sha256: string): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export class LocalDiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
    const tmpDir = path.join(this.root, "tmp");
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash("sha256");
    let size = 0;
    const hashed = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // Opened before the first byte: a stream that breaks off at once can't leave a file behind (a write
    // stream's own open could still create it after the failure's unlink).
    const file = await open(tmp, "wx");
    try {
      await pipeline(source, limitedTo(maxBytes), hashed, file.createWriteStream());
    } catch (error) {
      await file.close().catch(() => {});
      await unlink(tmp).catch(() => {});
      throw error;
    }
    const sha256 = hash.digest("hex");
    const final = this.pathOf(sha256);
    if (await exists(final)) {
      await unlink(tmp);
      return { sha256, size, created: false };
    }
    await mkdir(path.dirname(final), { recursive: true });
    // Two uploads of the same bytes may both get here: the second rename replaces identical bytes.
    await rename(tmp, final);
    return { sha256, size, created: true };
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable | null> {
    const file = await this.localPath(sha256);
    return file ? createReadStream(file, range) : null;
  }

  async size(sha256: string): Promise<number | null> {
    if (!SHA256.test(sha256)) return null;
    const info = await stat(this.pathOf(sha256)).catch(() => null);
    return info ? info.size : null;
  }

  async localPath(sha256: string): Promise<string | null> {
    return (await this.size(sha256)) === null ? null : this.pathOf(sha256);
  }

  async remove(sha256: string): Promise<void> {
    if (SHA256.test(sha256)) await unlink(this.pathOf(sha256)).catch(() => {});
  }

  /** Two levels of 256 folders, so no folder holds millions of files. */
  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
