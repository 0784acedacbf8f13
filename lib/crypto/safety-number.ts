// The safety number two people compare to verify each other's devices (WhatsApp's "security code"). It is
// Signal's numeric fingerprint (libsignal's NumericFingerprintGenerator, version 0) with a person's "identity
// key" being all their devices' ed25519 keys, sorted and concatenated, as libsignal's generator did for a
// list of identity keys: per person, SHA-512 over (version, keys, their id), then 5,200 more rounds of
// SHA-512(previous digest || keys); the first 30 bytes make 30 digits (six 5-byte chunks, each mod 100,000).
// The two halves go in a fixed order (the smaller user id first), so both people see the same 60 digits.
// Only WebCrypto's SHA-512 is used: browsers and Node 20 both have it, nothing here is a cipher.

/** Rounds of SHA-512 per half, as Signal: about 0.1 s in a browser, and costly to brute-force a collision against. */
export const SAFETY_NUMBER_ITERATIONS = 5200;
const FINGERPRINT_VERSION = 0;
const DIGITS_PER_CHUNK = 5;
const CHUNKS_PER_HALF = 6;

/** A person for the safety number: their id (as the crypto library knows them) and their devices' ed25519 keys (unpadded base64). */
export interface SafetyParty {
  userId: string;
  keys: readonly string[];
}

const utf8 = new TextEncoder();

function fromBase64(key: string): Uint8Array {
  return Uint8Array.from(atob(key), (c) => c.charCodeAt(0));
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The keys in one canonical order, each once, so the order devices were listed in never matters. */
export const canonicalKeys = (keys: readonly string[]): string[] => [...new Set(keys)].sort();

/** One person's 30 digits. */
async function half({ userId, keys }: SafetyParty, iterations: number): Promise<string> {
  if (keys.length === 0) throw new Error(`${userId} has no device keys`);
  const publicKey = concat(...canonicalKeys(keys).map(fromBase64));
  // Round 1 hashes (version, keys, id, keys); every later round (previous digest, keys).
  let hash: Uint8Array = concat(new Uint8Array([0, FINGERPRINT_VERSION]), publicKey, utf8.encode(userId));
  for (let i = 0; i < iterations; i++) hash = new Uint8Array(await crypto.subtle.digest("SHA-512", concat(hash, publicKey)));
  let digits = "";
  for (let chunk = 0; chunk < CHUNKS_PER_HALF; chunk++) {
    // 5 bytes as a big-endian 40-bit number (exact in a double), then its last 5 decimal digits.
    let value = 0;
    for (let b = 0; b < 5; b++) value = value * 256 + hash[chunk * 5 + b];
    digits += String(value % 100_000).padStart(DIGITS_PER_CHUNK, "0");
  }
  return digits;
}

/** The 60-digit safety number of two people, the same whichever of them computes it. */
export async function safetyNumber(a: SafetyParty, b: SafetyParty, iterations = SAFETY_NUMBER_ITERATIONS): Promise<string> {
  const [first, second] = a.userId <= b.userId ? [a, b] : [b, a];
  const halves = await Promise.all([half(first, iterations), half(second, iterations)]);
  return halves.join("");
}

/** The number as shown: 12 groups of 5 digits. */
export const safetyNumberGroups = (digits: string): string[] => digits.match(/\d{5}/g) ?? [];
