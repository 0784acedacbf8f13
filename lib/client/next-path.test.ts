import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps paths of this site", () => {
    expect(safeNextPath("/invite/abc123")).toBe("/invite/abc123");
    expect(safeNextPath("/?chat=c1")).toBe("/?chat=c1");
  });

  it("goes home for anything else", () => {
    for (const next of [null, "", "invite/x", "//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"]) {
      expect(safeNextPath(next)).toBe("/");
    }
  });
});
