// How a key backup's private key is written down and typed back: the recovery key, in the format Matrix
// clients use (base58 of a two-byte prefix, the 32-byte key and a parity byte, in groups of four), so a
// typo is caught before anything is tried; or derived from a passphrase with PBKDF2-SHA-512 (WebCrypto,
// in the browser and in Node), its salt and iteration count kept beside the backup's public key.
import { base58, base64nopad } from "@scure/base";
import { text } from "../i18n/text";

const PREFIX = [0x8b, 0x01];
const KEY_BYTES = 32;

/** A recovery key that can't be one (mistyped): its message is shown to the user. */
export class BadRecoveryKey extends Error {}

/** The recovery key of a backup's private key (as the crypto library exports it: base64). */
export function encodeRecoveryKey(privateKeyBase64: string): string {
  const key = base64nopad.decode(privateKeyBase64.replace(/=+$/, ""));
  const bytes = [...PREFIX, ...key];
  const parity = bytes.reduce((x, byte) => x ^ byte, 0);
  return (
    base58
      .encode(Uint8Array.from([...bytes, parity]))
      .match(/.{1,4}/g)
      ?.join(" ") ?? ""
  );
}

/** The private key (base64) a typed recovery key stands for; BadRecoveryKey when it can't be one. */
export function decodeRecoveryKey(typed: string): string {
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(typed.replace(/\s+/g, ""));
  } catch {
    throw new BadRecoveryKey(text("clientErrors.backup.notAKey"));
  }
  if (bytes.length !== PREFIX.length + KEY_BYTES + 1 || bytes[0] !== PREFIX[0] || bytes[1] !== PREFIX[1])
    throw new BadRecoveryKey(text("clientErrors.backup.incomplete"));
  if (bytes.reduce((x, byte) => x ^ byte, 0) !== 0) throw new BadRecoveryKey(text("clientErrors.backup.typo"));
  return base64nopad.encode(bytes.subarray(PREFIX.length, PREFIX.length + KEY_BYTES));
}

/** The salt of a new passphrase-derived key: 32 random letters and digits. */
export function newSalt(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** The private key (base64) a passphrase stands for, with this salt and iteration count (PBKDF2-SHA-512). */
export async function keyFromPassphrase(passphrase: string, salt: string, iterations: number): Promise<string> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey("raw", encoder.encode(passphrase), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-512", salt: encoder.encode(salt), iterations },
    material,
    KEY_BYTES * 8,
  );
  return base64nopad.encode(new Uint8Array(bits));
}
