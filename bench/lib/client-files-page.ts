// The page of bench/client-files.ts, bundled with esbuild and run in Chromium: the app's own modules for
// what the sender's device does to a file in an encrypted chat (lib/client/e2ee/file-prep.ts, then
// lib/crypto/file-cipher.ts on the crypto library's web entry point), timed here and driven from Node
// through `window.clientFiles`.
import * as wasm from "@matrix-org/matrix-sdk-crypto-wasm";
import { prepareFile } from "../../lib/client/e2ee/file-prep";
import type { SealedFileKey } from "../../lib/contracts/sealed";
import { decryptFile, encryptFile } from "../../lib/crypto/file-cipher";

export interface PhotoTimes {
  prepareMs: number;
  encryptMs: number;
  inBytes: number;
  preparedBytes: number;
  cipherBytes: number;
  width: number | null;
  height: number | null;
  placeholderChars: number | null;
}

const MIB = 1024 * 1024;
let doc: { clear: Blob; ciphertext?: Blob; key?: SealedFileKey; decrypted?: Blob } | null = null;

const clientFiles = {
  /** Loads the library as the app does (`initAsync`, which fetches the .wasm next to the bundle); milliseconds. */
  async load(): Promise<number> {
    const t0 = performance.now();
    await wasm.initAsync();
    return performance.now() - t0;
  },

  /** Prepares and encrypts the photo at `url` (fetched before timing); posts the prepared bytes to `returnTo` for checking. */
  async photo(url: string, returnTo: string): Promise<PhotoTimes> {
    const blob = await (await fetch(url)).blob();
    const t0 = performance.now();
    const { clear, meta } = await prepareFile("image", blob, "photo.jpg");
    const t1 = performance.now();
    const { ciphertext } = await encryptFile(wasm, clear);
    const t2 = performance.now();
    await fetch(returnTo, { method: "POST", body: clear });
    return {
      prepareMs: t1 - t0,
      encryptMs: t2 - t1,
      inBytes: blob.size,
      preparedBytes: clear.size,
      cipherBytes: ciphertext.size,
      width: meta.width,
      height: meta.height,
      placeholderChars: meta.placeholder?.length ?? null,
    };
  },

  /** Makes a `mib` MiB document (random bytes, 1 MiB repeated) and reads it back once, so it is settled before anything is measured. */
  async makeDocument(mib: number): Promise<number> {
    const piece = new Uint8Array(MIB);
    for (let at = 0; at < MIB; at += 65_536) crypto.getRandomValues(piece.subarray(at, at + 65_536));
    doc = { clear: new Blob(Array.from({ length: mib }, () => piece)) };
    await doc.clear.slice(-1).arrayBuffer();
    return doc.clear.size;
  },

  async encryptDocument(): Promise<{ ms: number; chunks: number; cipherBytes: number }> {
    if (!doc) throw new Error("makeDocument first");
    const t0 = performance.now();
    const { ciphertext, key } = await encryptFile(wasm, doc.clear);
    const ms = performance.now() - t0;
    Object.assign(doc, { ciphertext, key });
    return { ms, chunks: key.chunks.length, cipherBytes: ciphertext.size };
  },

  /** Checks and decrypts the document encrypted before; `same` compares its last MiB with the original's. */
  async decryptDocument(): Promise<{ ms: number; same: boolean }> {
    if (!doc?.ciphertext || !doc.key) throw new Error("encryptDocument first");
    const t0 = performance.now();
    const decrypted = await decryptFile(wasm, doc.ciphertext, doc.key, "application/octet-stream");
    const ms = performance.now() - t0;
    doc.decrypted = decrypted;
    const tail = async (blob: Blob) => new Uint8Array(await blob.slice(-MIB).arrayBuffer());
    const [a, b] = await Promise.all([tail(decrypted), tail(doc.clear)]);
    return { ms, same: decrypted.size === doc.clear.size && a.every((byte, i) => byte === b[i]) };
  },
};

export type ClientFiles = typeof clientFiles;

declare global {
  interface Window {
    clientFiles: ClientFiles;
  }
}

window.clientFiles = clientFiles;
