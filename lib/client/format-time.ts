// Dates and times as the chat shows them, in the reader's language by Intl: 24-hour clock times,
// "Today"/"Yesterday" (Intl.RelativeTimeFormat's words for them), otherwise the date (12/03/2026). All in
// local time. Phrases around them ("last seen today at 14:02") are in the catalogs: see
// components/i18n/use-time-format.ts.
import type { PresenceState } from "@/lib/contracts/messaging";

const DAY_MS = 86_400_000;

/** Local midnight of the day `at` falls on, as a number comparable between dates. */
function dayStart(at: Date): number {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime();
}

/** 0 for today, 1 for yesterday, and so on (negative for the future). */
export function daysAgo(at: Date, now: Date): number {
  return Math.round((dayStart(now) - dayStart(at)) / DAY_MS);
}

export function clockTime(at: Date, locale: string): string {
  return at.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

export function shortDate(at: Date, locale: string): string {
  return at.toLocaleDateString(locale, { day: "2-digit", month: "2-digit", year: "numeric" });
}

/** A key that is the same for all times on one local day. */
export function dayKey(at: Date): string {
  return `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;
}

/** The label of a day separator in the conversation: "Today", "Yesterday" or the date. */
export function dayLabel(at: Date, now: Date, locale: string): string {
  const ago = daysAgo(at, now);
  if (ago !== 0 && ago !== 1) return shortDate(at, locale);
  const word = new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(-ago, "day");
  return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
}

/** The time in a chat-list row: the clock time today, "Yesterday", or the date. */
export function listTime(at: Date, now: Date, locale: string): string {
  return daysAgo(at, now) === 0 ? clockTime(at, locale) : dayLabel(at, now, locale);
}

/** When someone was last seen, for the phrase that says it; null if unknown. */
export type Seen = { when: "online" } | { when: "today" | "yesterday"; time: string } | { when: "date"; date: string };

export function lastSeen(presence: PresenceState | undefined, now: Date, locale: string): Seen | null {
  if (presence?.online) return { when: "online" };
  if (!presence?.lastSeenAt) return null;
  const at = new Date(presence.lastSeenAt);
  const ago = daysAgo(at, now);
  if (ago <= 0) return { when: "today", time: clockTime(at, locale) };
  if (ago === 1) return { when: "yesterday", time: clockTime(at, locale) };
  return { when: "date", date: shortDate(at, locale) };
}
