import { describe, expect, it } from "vitest";
import { safetyNumber, safetyNumberGroups } from "./safety-number";

const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64").replace(/=+$/, "");
const key = (byte: number) => Buffer.alloc(32, byte).toString("base64").replace(/=+$/, "");

const ana = { userId: "@ana:chatterbox", keys: [key(1), key(2)] };
const ben = { userId: "@ben:chatterbox", keys: [key(3)] };

describe("safetyNumber", () => {
  it("is Signal's numeric fingerprint for one key each (libsignal's test vector)", async () => {
    const alice = { userId: "+14152222222", keys: [b64("0506863bc66d02b40d27b8d49ca7c09e9239236f9d7d25d6fcca5ce13c7064d868")] };
    const bob = { userId: "+14153333333", keys: [b64("05f781b6fb32fed9ba1cf2de978d4d5da28dc34046ae814402b5c0dbd96fda907b")] };
    expect(await safetyNumber(alice, bob)).toBe("300354477692869396892869876765458257569162576843440918079131");
  });

  it("is 60 digits, the same computed by either person", async () => {
    const number = await safetyNumber(ana, ben);
    expect(number).toMatch(/^\d{60}$/);
    expect(await safetyNumber(ben, ana)).toBe(number);
  });

  it("doesn't depend on the order devices are listed in", async () => {
    const number = await safetyNumber(ana, ben);
    expect(await safetyNumber({ ...ana, keys: [key(2), key(1), key(2)] }, ben)).toBe(number);
  });

  it("changes when any device is added, removed or replaced, on either side", async () => {
    const number = await safetyNumber(ana, ben, 10);
    const variants = [
      [{ ...ana, keys: [key(1)] }, ben],
      [{ ...ana, keys: [key(1), key(2), key(4)] }, ben],
      [ana, { ...ben, keys: [key(5)] }],
      [ana, { ...ben, keys: [key(3), key(6)] }],
      [ana, { ...ben, userId: "@cy:chatterbox" }],
    ] as const;
    const others = await Promise.all(variants.map(([a, b]) => safetyNumber(a, b, 10)));
    for (const other of others) expect(other).not.toBe(number);
    // Each side's half is its own: Ben's devices change only Ben's 30 digits.
    expect(others[2].slice(0, 30)).toBe(number.slice(0, 30));
    expect(others[0].slice(30)).toBe(number.slice(30));
  });

  it("needs at least one device on each side", async () => {
    await expect(safetyNumber(ana, { ...ben, keys: [] }, 10)).rejects.toThrow(/no device keys/);
  });

  it("is shown as 12 groups of 5 digits", async () => {
    const groups = safetyNumberGroups(await safetyNumber(ana, ben, 10));
    expect(groups).toHaveLength(12);
    for (const group of groups) expect(group).toMatch(/^\d{5}$/);
  });
});
