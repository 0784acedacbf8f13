import { describe, expect, it } from "vitest";
import { clockTime, dayLabel, dayTime, lastSeen, listTime, shortDate } from "./format-time";

const now = new Date(2026, 2, 12, 14, 30);
const at = (day: number, h: number, m: number) => new Date(2026, 2, day, h, m);

describe("chat times", () => {
  it("uses a 24-hour clock", () => {
    expect(clockTime(at(12, 9, 5))).toMatch(/^09.05$/);
    expect(clockTime(at(12, 21, 40))).toMatch(/^21.40$/);
  });

  it("labels days as Today, Yesterday or the date", () => {
    expect(dayLabel(at(12, 0, 1), now)).toBe("Today");
    expect(dayLabel(at(11, 23, 59), now)).toBe("Yesterday");
    expect(dayLabel(at(3, 12, 0), now)).toBe(shortDate(at(3, 12, 0)));
    expect(shortDate(at(3, 12, 0))).toMatch(/03.+2026|2026.+03/);
  });

  it("shows the clock time in the chat list only for today", () => {
    expect(listTime(at(12, 8, 15), now)).toBe(clockTime(at(12, 8, 15)));
    expect(listTime(at(11, 8, 15), now)).toBe("Yesterday");
  });

  it("gives the day and the time in lists of times", () => {
    expect(dayTime(at(12, 9, 5), now)).toBe(`Today at ${clockTime(at(12, 9, 5))}`);
    expect(dayTime(at(1, 9, 5), now)).toBe(`${shortDate(at(1, 9, 5))} at ${clockTime(at(1, 9, 5))}`);
  });

  it("describes presence", () => {
    expect(lastSeen({ userId: "u", online: true, lastSeenAt: null }, now)).toBe("online");
    expect(lastSeen(undefined, now)).toBeNull();
    expect(lastSeen({ userId: "u", online: false, lastSeenAt: null }, now)).toBeNull();
    const seen = (d: Date) => lastSeen({ userId: "u", online: false, lastSeenAt: d.toISOString() }, now);
    expect(seen(at(12, 14, 2))).toBe(`last seen today at ${clockTime(at(12, 14, 2))}`);
    expect(seen(at(11, 9, 10))).toBe(`last seen yesterday at ${clockTime(at(11, 9, 10))}`);
    expect(seen(at(1, 9, 10))).toBe(`last seen ${shortDate(at(1, 9, 10))}`);
  });
});
