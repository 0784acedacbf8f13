// End-to-end encrypted files: a file is encrypted on the sender's device before it is uploaded, with the
// crypto library's attachment format (`Attachment.encrypt`: AES-256-CTR with a random key and IV, and a
// SHA-256 of the ciphertext; Matrix's encrypted files), never a cipher of ours. A large file goes in chunks
// of at least 4 MiB, each its own attachment, so a 100 MB document never needs the whole file in memory
// twice; the ciphertext of the chunks, one after another, is what the server stores. The key (per chunk:
// key, IV, hash and length) travels inside the end-to-end encrypted message. The receiver checks each
// chunk's hash before it decrypts it: a changed byte fails the whole file.
import type { SealedFileKey } from "../contracts/sealed";
import { FILE_CHUNKS_MAX } from "../contracts/sealed";
import type { CryptoWasm } from "./crypto-client";
import { FileTampered } from "./failures";

const MIB = 1024 * 1024;
/** The library hands out copies in ArrayBuffers of their own (never views of its memory). */
const owned = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;
/** The smallest chunk: a file up to this size is one attachment. */
export const CHUNK_MIN_BYTES = 4 * MIB;

/** How big each chunk of a `size`-byte file is: 4 MiB, or more (whole MiB) so there are at most FILE_CHUNKS_MAX. */
export const chunkBytesFor = (size: number): number => Math.max(CHUNK_MIN_BYTES, Math.ceil(size / FILE_CHUNKS_MAX / MIB) * MIB);

/** The library's media encryption info (a JSON web key, the IV and the hash) for one chunk of a key. */
const mediaInfo = ({ k, iv, sha256 }: SealedFileKey["chunks"][number]) =>
  JSON.stringify({
    v: "v2",
    key: { kty: "oct", key_ops: ["encrypt", "decrypt"], alg: "A256CTR", k, ext: true },
    iv,
    hashes: { sha256 },
  });

/**
 * Encrypts `file` chunk by chunk (reading one chunk at a time): the ciphertext as one Blob, and the key that
 * opens it. Yields to the event loop between chunks, so a page stays responsive.
 */
export async function encryptFile(wasm: CryptoWasm, file: Blob): Promise<{ ciphertext: Blob; key: SealedFileKey }> {
  const step = chunkBytesFor(file.size);
  const parts: Blob[] = [];
  const chunks: SealedFileKey["chunks"] = [];
  for (let at = 0; at < file.size || at === 0; at += step) {
    const clear = new Uint8Array(await file.slice(at, at + step).arrayBuffer());
    const sealed = wasm.Attachment.encrypt(clear);
    const info = JSON.parse(sealed.mediaEncryptionInfo as string) as { key: { k: string }; iv: string; hashes: { sha256: string } };
    const data = sealed.encryptedData;
    sealed.free();
    parts.push(new Blob([owned(data)]));
    chunks.push({ size: data.byteLength, k: info.key.k, iv: info.iv, sha256: info.hashes.sha256 });
    if (file.size === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { ciphertext: new Blob(parts), key: { chunks } };
}

/**
 * Checks and decrypts a file's ciphertext with its key: the clear bytes as a Blob of `type`. Throws
 * FileTampered if any chunk's hash doesn't match or the lengths don't add up.
 */
export async function decryptFile(wasm: CryptoWasm, ciphertext: Blob, key: SealedFileKey, type: string): Promise<Blob> {
  const total = key.chunks.reduce((sum, c) => sum + c.size, 0);
  if (total !== ciphertext.size) throw new FileTampered(`The file is ${ciphertext.size} bytes, its key says ${total}`);
  const parts: Blob[] = [];
  let at = 0;
  for (const chunk of key.chunks) {
    const data = new Uint8Array(await ciphertext.slice(at, at + chunk.size).arrayBuffer());
    at += chunk.size;
    let attachment: InstanceType<CryptoWasm["EncryptedAttachment"]>;
    try {
      attachment = new wasm.EncryptedAttachment(data, mediaInfo(chunk));
    } catch {
      throw new FileTampered("The file's key is not a valid key");
    }
    try {
      parts.push(new Blob([owned(wasm.Attachment.decrypt(attachment))]));
    } catch {
      throw new FileTampered("The file doesn't match its hash: it was changed");
    } finally {
      attachment.free();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Blob(parts, { type });
}
