import { describe, expect, it } from "vitest";
import { BadRecoveryKey, decodeRecoveryKey, encodeRecoveryKey, keyFromPassphrase, newSalt } from "./recovery-key";

const key = "rsq+JJOv/3n8pp7OlhdOSQ7hAm8ubAQsUqFD0aYzFM0";

describe("recovery keys", () => {
  it("write a key in groups of four and read it back, spaces or not", () => {
    const written = encodeRecoveryKey(key);
    expect(written).toMatch(/^(\S{4} )+\S{1,4}$/);
    expect(written.startsWith("Es")).toBe(true); // the Matrix prefix makes every recovery key start so
    expect(decodeRecoveryKey(written)).toBe(key);
    expect(decodeRecoveryKey(` ${written.replaceAll(" ", "")}\n`)).toBe(key);
  });

  it("refuse a typo, a short key and what isn't base58", () => {
    const written = encodeRecoveryKey(key);
    const typo = written.slice(0, 10) + (written[10] === "a" ? "b" : "a") + written.slice(11);
    expect(() => decodeRecoveryKey(typo)).toThrow(BadRecoveryKey);
    expect(() => decodeRecoveryKey(written.slice(0, -5))).toThrow(/all of it/);
    expect(() => decodeRecoveryKey("0OIl not base58")).toThrow(/isn't a recovery key/);
  });

  it("derive the same key from the same passphrase and salt only", async () => {
    const salt = newSalt();
    expect(salt).toMatch(/^[A-Za-z0-9]{32}$/);
    const a = await keyFromPassphrase("correct horse battery staple", salt, 1000);
    expect(a).toHaveLength(43);
    expect(await keyFromPassphrase("correct horse battery staple", salt, 1000)).toBe(a);
    expect(await keyFromPassphrase("correct horse battery stapler", salt, 1000)).not.toBe(a);
    expect(await keyFromPassphrase("correct horse battery staple", newSalt(), 1000)).not.toBe(a);
  });
});
