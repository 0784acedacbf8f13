// Dates and times as the chat shows them: 24-hour clock times, "Today"/"Yesterday", otherwise the date
// in the reader's locale (e.g. 12/03/2026). All in local time.
import type { PresenceState } from "@/lib/contracts/messaging";

const DAY_MS = 86_400_000;

/** Local midnight of the day `at` falls on, as a number comparable between dates. */
function dayStart(at: Date): number {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime();
}

/** 0 for today, 1 for yesterday, and so on (negative for the future). */
function daysAgo(at: Date, now: Date): number {
  return Math.round((dayStart(now) - dayStart(at)) / DAY_MS);
}

export function clockTime(at: Date): string {
  return at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

export function shortDate(at: Date): string {
  return at.toLocaleDateString(undefined, { day: "2-digit", month: "2-digit", year: "numeric" });
}

/** A key that is the same for all times on one local day. */
export function dayKey(at: Date): string {
  return `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;
}

/** The label of a day separator in the conversation. */
export function dayLabel(at: Date, now: Date): string {
  const ago = daysAgo(at, now);
  if (ago === 0) return "Today";
  if (ago === 1) return "Yesterday";
  return shortDate(at);
}

/** The time in a chat-list row: the clock time today, "Yesterday", or the date. */
export function listTime(at: Date, now: Date): string {
  return daysAgo(at, now) === 0 ? clockTime(at) : dayLabel(at, now);
}

/** "online", "last seen today at 14:02", "last seen yesterday at 09:10", "last seen 12/03/2026", or null if unknown. */
export function lastSeen(presence: PresenceState | undefined, now: Date): string | null {
  if (presence?.online) return "online";
  if (!presence?.lastSeenAt) return null;
  const at = new Date(presence.lastSeenAt);
  const ago = daysAgo(at, now);
  if (ago <= 0) return `last seen today at ${clockTime(at)}`;
  if (ago === 1) return `last seen yesterday at ${clockTime(at)}`;
  return `last seen ${shortDate(at)}`;
}

/** A moment in lists of times (message info): "Today at 14:02", "Yesterday at 09:10", "12/03/2026 at 09:10". */
export function dayTime(at: Date, now: Date): string {
  return `${dayLabel(at, now)} at ${clockTime(at)}`;
}
