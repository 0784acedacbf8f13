// The Calls tab's call log, worked out from the calls: what each row says, and the list kept newest first
// as pages load and ended calls are pushed (call:updated).
import type { Call, CallLogEntry } from "@/lib/contracts/calls";

/** A call with more than two people in it (the caller and two or more rung). */
export const isGroupCall = (call: Pick<Call, "participants">): boolean => call.participants.length > 2;

/**
 * A row's second line: "Missed voice call", "Declined video call" (I declined it), "Ongoing voice call",
 * "Outgoing video call", "Incoming group voice call".
 */
export function callLogLine(entry: CallLogEntry, me: string): string {
  const what = `${isGroupCall(entry) ? "group " : ""}${entry.kind} call`;
  if (entry.missed) return `Missed ${what}`;
  if (entry.direction === "incoming" && entry.participants.find((p) => p.userId === me)?.state === "declined") return `Declined ${what}`;
  if (entry.state === "ongoing") return `Ongoing ${what}`;
  return `${entry.direction === "outgoing" ? "Outgoing" : "Incoming"} ${what}`;
}

/** What a row is called for screen readers: "Ana, Missed voice call, Yesterday" (then the duration, if any). */
export function callRowLabel(title: string, line: string, when: string, duration: string | null): string {
  return [title, line, when, ...(duration ? [duration] : [])].join(", ");
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
