import { describe, expect, it } from "vitest";
import { clockTime, dayLabel, lastSeen, listTime, shortDate } from "./format-time";

const now = new Date(2026, 2, 12, 14, 30);
const at = (day: number, h: number, m: number) => new Date(2026, 2, day, h, m);

describe("chat times", () => {
  it("uses a 24-hour clock", () => {
    expect(clockTime(at(12, 9, 5), "en")).toMatch(/^09.05$/);
    expect(clockTime(at(12, 21, 40), "en")).toMatch(/^21.40$/);
  });

  it("labels days as Today, Yesterday or the date, in the reader's language", () => {
    expect(dayLabel(at(12, 0, 1), now, "en")).toBe("Today");
    expect(dayLabel(at(11, 23, 59), now, "en")).toBe("Yesterday");
    expect(dayLabel(at(11, 23, 59), now, "es")).toBe("Ayer");
    expect(dayLabel(at(12, 0, 1), now, "pt")).toBe("Hoje");
    expect(dayLabel(at(11, 23, 59), now, "ar")).toBe("أمس");
    expect(dayLabel(at(3, 12, 0), now, "en")).toBe(shortDate(at(3, 12, 0), "en"));
    expect(shortDate(at(3, 12, 0), "en")).toBe("03/03/2026");
    expect(shortDate(at(4, 12, 0), "es")).toBe("04/03/2026");
    // Arabic: Latin or Arabic-Indic digits, as the ICU data says.
    expect(shortDate(at(4, 12, 0), "ar")).toMatch(/2026|٢٠٢٦/);
  });

  it("shows the clock time in the chat list only for today", () => {
    expect(listTime(at(12, 8, 15), now, "en")).toBe(clockTime(at(12, 8, 15), "en"));
    expect(listTime(at(11, 8, 15), now, "en")).toBe("Yesterday");
  });

  it("says when someone was last seen", () => {
    expect(lastSeen({ userId: "u", online: true, lastSeenAt: null }, now, "en")).toEqual({ when: "online" });
    expect(lastSeen(undefined, now, "en")).toBeNull();
    expect(lastSeen({ userId: "u", online: false, lastSeenAt: null }, now, "en")).toBeNull();
    const seen = (d: Date) => lastSeen({ userId: "u", online: false, lastSeenAt: d.toISOString() }, now, "en");
    expect(seen(at(12, 14, 2))).toEqual({ when: "today", time: clockTime(at(12, 14, 2), "en") });
    expect(seen(at(11, 9, 10))).toEqual({ when: "yesterday", time: clockTime(at(11, 9, 10), "en") });
    expect(seen(at(1, 9, 10))).toEqual({ when: "date", date: shortDate(at(1, 9, 10), "en") });
  });
});
