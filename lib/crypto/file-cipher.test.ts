import { randomBytes } from "node:crypto";
import * as wasm from "@matrix-org/matrix-sdk-crypto-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { FILE_CHUNKS_MAX, sealedFileKeySchema } from "../contracts/sealed";
import { FileTampered } from "./failures";
import { CHUNK_MIN_BYTES, chunkBytesFor, decryptFile, encryptFile } from "./file-cipher";

const MIB = 1024 * 1024;

beforeAll(async () => {
  await wasm.initAsync();
});

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe("file cipher", () => {
  it("encrypts with the library's attachments in chunks, and opens only with the key", async () => {
    const clear = new Uint8Array(randomBytes(CHUNK_MIN_BYTES * 2 + 1234));
    const marker = new TextEncoder().encode("MARKER-4f1c9e");
    clear.set(marker, 5_000_000);
    const { ciphertext, key } = await encryptFile(wasm, new Blob([clear]));
    expect(sealedFileKeySchema.parse(key)).toEqual(key);
    expect(key.chunks.map((c) => c.size)).toEqual([CHUNK_MIN_BYTES, CHUNK_MIN_BYTES, 1234]);
    expect(ciphertext.size).toBe(clear.length);
    // The ciphertext is not the file, and holds none of its bytes in the clear.
    const stored = await bytesOf(ciphertext);
    expect(Buffer.from(stored).includes(Buffer.from(marker))).toBe(false);
    expect(new Set(key.chunks.map((c) => c.k)).size).toBe(3);

    const opened = await decryptFile(wasm, ciphertext, key, "application/pdf");
    expect(opened.type).toBe("application/pdf");
    expect(Buffer.from(await bytesOf(opened)).equals(Buffer.from(clear))).toBe(true);
  });

  it("refuses a changed byte, a cut-off file, chunks in another order and another file's key", async () => {
    const clear = new Blob([new Uint8Array(randomBytes(CHUNK_MIN_BYTES + 10))]);
    const { ciphertext, key } = await encryptFile(wasm, clear);
    const stored = await bytesOf(ciphertext);
    const flipped = stored.slice();
    flipped[CHUNK_MIN_BYTES + 3] ^= 1;
    await expect(decryptFile(wasm, new Blob([flipped]), key, "")).rejects.toThrow(FileTampered);
    await expect(decryptFile(wasm, new Blob([stored.slice(0, -1)]), key, "")).rejects.toThrow(FileTampered);
    const swapped = { chunks: [...key.chunks].reverse() };
    await expect(decryptFile(wasm, ciphertext, swapped, "")).rejects.toThrow(FileTampered);
    const other = await encryptFile(wasm, clear);
    await expect(decryptFile(wasm, ciphertext, other.key, "")).rejects.toThrow(FileTampered);
  });

  it("keeps an empty file one chunk, and a big one within the key's chunk limit", async () => {
    const empty = await encryptFile(wasm, new Blob([]));
    expect(empty.key.chunks).toHaveLength(1);
    expect((await decryptFile(wasm, empty.ciphertext, empty.key, "text/plain")).size).toBe(0);
    expect(chunkBytesFor(100 * MIB)).toBe(CHUNK_MIN_BYTES);
    expect(Math.ceil((2048 * MIB) / chunkBytesFor(2048 * MIB))).toBeLessThanOrEqual(FILE_CHUNKS_MAX);
  });
});
