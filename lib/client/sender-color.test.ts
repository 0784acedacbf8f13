import { describe, expect, it } from "vitest";
import { SENDER_COLORS, senderColor, senderColorIndex } from "./sender-color";

describe("senderColor", () => {
  it("gives the same user the same color every time", () => {
    expect(senderColor("cm9x2k1a0000")).toEqual(senderColor("cm9x2k1a0000"));
    expect(senderColorIndex("u1")).toBe(senderColorIndex("u1"));
  });

  it("stays inside the palette and spreads many users over all of it", () => {
    const used = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const index = senderColorIndex(`user-${i}`);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(SENDER_COLORS.length);
      used.add(index);
    }
    expect(used.size).toBe(SENDER_COLORS.length);
  });

  it("tells ids apart that differ in one character", () => {
    const colors = new Set(["a1", "a2", "a3", "a4", "a5", "a6"].map(senderColorIndex));
    expect(colors.size).toBeGreaterThan(1);
  });
});
