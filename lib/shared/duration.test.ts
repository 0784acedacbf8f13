import { describe, expect, it } from "vitest";
import { durationLabel } from "./duration";

describe("durationLabel", () => {
  it("shows minutes and seconds", () => {
    expect(durationLabel(0)).toBe("0:00");
    expect(durationLabel(7)).toBe("0:07");
    expect(durationLabel(7.9)).toBe("0:07");
    expect(durationLabel(65)).toBe("1:05");
    expect(durationLabel(599)).toBe("9:59");
    expect(durationLabel(3599)).toBe("59:59");
  });

  it("adds hours past an hour", () => {
    expect(durationLabel(3600)).toBe("1:00:00");
    expect(durationLabel(3723)).toBe("1:02:03");
    expect(durationLabel(24 * 3600)).toBe("24:00:00");
  });

  it("shows 0:00 for unknown durations", () => {
    expect(durationLabel(Number.POSITIVE_INFINITY)).toBe("0:00");
    expect(durationLabel(Number.NaN)).toBe("0:00");
    expect(durationLabel(-3)).toBe("0:00");
  });
});
