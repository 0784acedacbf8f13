// The Calls tab's call log, worked out from the calls: what each row says, and the list kept newest first
// as pages load and ended calls are pushed (call:updated).
import type { Call, CallLogEntry } from "@/lib/contracts/calls";
import type { Translator } from "@/lib/i18n/catalog";

/** A call with more than two people in it (the caller and two or more rung). */
export const isGroupCall = (call: Pick<Call, "participants">): boolean => call.participants.length > 2;

/** What a call was for me, in the call log: missed, declined, still going on, or which way it went. */
type How = "missed" | "declined" | "ongoing" | "outgoing" | "incoming";

/**
 * A row's second line: "Missed voice call", "Declined video call" (I declined it), "Ongoing voice call",
 * "Outgoing video call", "Incoming group voice call".
 */
export function callLogLine(entry: CallLogEntry, me: string, t: Translator<"system.calls">): string {
  const group = isGroupCall(entry);
  const what = entry.kind === "video" ? (group ? "groupVideo" : "video") : group ? "groupVoice" : "voice";
  let how: How;
  if (entry.missed) how = "missed";
  else if (entry.direction === "incoming" && entry.participants.find((p) => p.userId === me)?.state === "declined") how = "declined";
  else if (entry.state === "ongoing") how = "ongoing";
  else how = entry.direction;
  return t("logLine", { how, what });
}

/** What a row is called for screen readers: "Ana, Missed voice call, Yesterday" (then the duration, if any). */
export function callRowLabel(title: string, line: string, when: string, duration: string | null, t: Translator<"system.calls">): string {
  return duration ? t("rowLabelTimed", { title, line, when, duration }) : t("rowLabel", { title, line, when });
}

/** Newest first, as the server orders the log: by when the call started, then by id. */
function newestFirst(a: CallLogEntry, b: CallLogEntry): number {
  if (a.createdAt !== b.createdAt) return Date.parse(b.createdAt) - Date.parse(a.createdAt);
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The log with `entry` in its place (replacing an older copy of the same call), newest first. */
export function mergeCall(log: CallLogEntry[], entry: CallLogEntry): CallLogEntry[] {
  return [entry, ...log.filter((e) => e.id !== entry.id)].sort(newestFirst);
}

/** The log with an older page after it, without the calls it already has. */
export function appendPage(log: CallLogEntry[], page: CallLogEntry[]): CallLogEntry[] {
  const known = new Set(log.map((e) => e.id));
  return [...log, ...page.filter((e) => !known.has(e.id))];
}
