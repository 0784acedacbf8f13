// Where media bytes live: content-addressed by SHA-256, so the same file uploaded twice (or forwarded) is
// stored once. Every backend first streams the bytes through the size limit and a hash into a temporary
// file (`spool`): nothing is held whole in memory, the SHA-256 (the name) is known before anything is
// stored, and the tools that need a file (type sniffing, image decoding) read that one. Only then are the
// bytes put in place whole, so a reader never sees half a file. Two backends: the local disk (the default,
// under DATA_DIR/media) and S3-compatible object storage (./s3-storage.ts); ./create-storage.ts picks one.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat, unlink } from "node:fs/promises";
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

/** Reads the complete bytes from a local file before they are stored; what it throws stores nothing. */
export type Inspect = (file: string) => Promise<void>;

export interface MediaStorage {
  /**
   * Streams `source` in; rejects with BlobTooLarge (keeping nothing) past `maxBytes`, and with whatever
   * `inspect` throws (keeping nothing either).
   */
  put(source: Readable, maxBytes: number, inspect?: Inspect): Promise<StoredBlob>;
  /** The blob's bytes, or the inclusive range `start`..`end` of them; null when there is no such blob. */
  read(sha256: string, range?: { start: number; end: number }): Promise<Readable | null>;
  /** The blob's size in bytes, or null when there is none. */
  size(sha256: string): Promise<number | null>;
  remove(sha256: string): Promise<void>;
}

export const SHA256 = /^[0-9a-f]{64}$/;

/** Two levels of 256 folders (or key prefixes), so no folder holds millions of files. */
export const shardedName = (sha256: string) => `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

interface Spooled {
  /** The temporary file holding the bytes. */
  file: string;
  sha256: string;
  size: number;
}

/**
 * Streams `source` (at most `maxBytes`) through a SHA-256 into a new file in `tmpDir` and hands it to
 * `store`, which puts the bytes in place; the temporary file is gone afterwards, whatever happened.
 */
export async function spool<T>(source: Readable, maxBytes: number, tmpDir: string, store: (spooled: Spooled) => Promise<T>): Promise<T> {
  await mkdir(tmpDir, { recursive: true });
  const file = path.join(tmpDir, randomUUID());
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
  const handle = await open(file, "wx");
  try {
    await pipeline(source, limitedTo(maxBytes), hashed, handle.createWriteStream());
    return await store({ file, sha256: hash.digest("hex"), size });
  } finally {
    await handle.close().catch(() => {});
    await rm(file, { force: true });
  }
}

export class LocalDiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  put(source: Readable, maxBytes: number, inspect?: Inspect): Promise<StoredBlob> {
    return spool(source, maxBytes, path.join(this.root, "tmp"), async ({ file, sha256, size }) => {
      await inspect?.(file);
      const final = this.pathOf(sha256);
      if (await exists(final)) return { sha256, size, created: false };
      await mkdir(path.dirname(final), { recursive: true });
      // Two uploads of the same bytes may both get here: the second rename replaces identical bytes.
      await rename(file, final);
      return { sha256, size, created: true };
    });
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable | null> {
    return (await this.size(sha256)) === null ? null : createReadStream(this.pathOf(sha256), range);
  }

  async size(sha256: string): Promise<number | null> {
    if (!SHA256.test(sha256)) return null;
    const info = await stat(this.pathOf(sha256)).catch(() => null);
    return info ? info.size : null;
  }

  async remove(sha256: string): Promise<void> {
    if (SHA256.test(sha256)) await unlink(this.pathOf(sha256)).catch(() => {});
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, shardedName(sha256));
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
