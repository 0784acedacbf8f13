// What a call means for this device, from the server's view of it (call:updated): whether it rings here,
// was answered elsewhere, whom to connect to and who makes the offer, what to say when it ends, and how
// good the connection is. Pure functions, so the rules are tested without a browser.
import type { Call, CallDevice } from "@/lib/contracts/calls";
import type { Translator } from "@/lib/i18n/catalog";

/** Where a call stands on this device. */
export type CallPhase = "incoming" | "ringing" | "connecting" | "connected" | "reconnecting" | "ended";

export type Quality = "good" | "fair" | "poor";

/** This device: my user id and the device id my keys are published under (the server names joined devices by it). */
export interface ThisDevice {
  userId: string;
  deviceId: string;
}

const keyOf = (d: CallDevice) => `${d.userId}/${d.deviceId}`;

/** The devices I connect to: everyone else who joined (one device each). */
export function otherDevices(call: Call, me: ThisDevice): CallDevice[] {
  if (call.state === "ended") return [];
  return call.participants.flatMap((p) =>
    p.state === "joined" && p.deviceId && p.userId !== me.userId ? [{ userId: p.userId, deviceId: p.deviceId }] : [],
  );
}

/**
 * Of two devices, the one whose id sorts first makes the offer (and is the "impolite" side of WebRTC's
 * perfect negotiation: its offer wins a collision); the other waits for it. Both agree without a message.
 */
export const makesOffer = (me: ThisDevice, other: CallDevice): boolean =>
  keyOf({ userId: me.userId, deviceId: me.deviceId }) < keyOf(other);

/**
 * What a call I haven't joined means for this device: it rings here, it was answered on another of my
 * devices, or it is nothing to show (declined elsewhere, ended, or I'm not rung).
 */
export function ringingHere(call: Call, me: ThisDevice): "ring" | "elsewhere" | "none" {
  const mine = call.participants.find((p) => p.userId === me.userId);
  if (!mine || call.state === "ended") return "none";
  if (mine.state === "ringing") return "ring";
  if (mine.state === "joined" && mine.deviceId !== me.deviceId) return "elsewhere";
  return "none";
}

/** Whether this device is in the call (joined with it). */
export const joinedHere = (call: Call, me: ThisDevice): boolean =>
  call.participants.some((p) => p.userId === me.userId && p.state === "joined" && p.deviceId === me.deviceId);

/**
 * Why a call ended, as it was for me (the call window words it from system.calls.ended): busy, declined,
 * nobody answered (a group) or no answer, missed, cancelled, couldn't connect, answered on another of my
 * devices, or just ended.
 */
export type EndedReason =
  | "busy"
  | "declined"
  | "ended"
  | "nobodyAnswered"
  | "noAnswer"
  | "missed"
  | "cancelled"
  | "failed"
  | "answeredElsewhere";

/** Why a call ended, as it was for me. */
export function endedReason(call: Call, me: string): EndedReason {
  const outgoing = call.callerId === me;
  const group = call.participants.length > 2;
  switch (call.endReason) {
    case "busy":
      return "busy";
    case "declined":
      return outgoing ? "declined" : "ended";
    case "missed":
      return outgoing ? (group ? "nobodyAnswered" : "noAnswer") : "missed";
    case "cancelled":
      return outgoing ? "cancelled" : "missed";
    case "failed":
      return "failed";
    default:
      return "ended";
  }
}

/** What the call window says once the call ended: why, or the message of what went wrong. */
export type CallNotice = { reason: EndedReason } | { message: string };

/** A notice as the window shows it: "No answer", "Couldn't connect"..., or the problem's own message. */
export const noticeText = (notice: CallNotice, t: Translator<"system.calls">): string =>
  "reason" in notice ? t(`ended.${notice.reason}`) : notice.message;

/** What connection statistics say of a call: round trip and the share of packets lost, since the last look. */
export interface LinkSample {
  /** Seconds, from the selected candidate pair (undefined: not measured yet). */
  rtt?: number;
  packetsReceived: number;
  packetsLost: number;
}

/** Good (under 300 ms, under 2% lost), fair (under 600 ms, under 8%), else poor; null before anything was measured. */
export function qualityOf(sample: LinkSample): Quality | null {
  const total = sample.packetsReceived + sample.packetsLost;
  if (sample.rtt === undefined && total === 0) return null;
  const loss = total > 0 ? Math.max(0, sample.packetsLost) / total : 0;
  const rtt = sample.rtt ?? 0;
  if (rtt < 0.3 && loss < 0.02) return "good";
  if (rtt < 0.6 && loss < 0.08) return "fair";
  return "poor";
}

/** The worst of the links (a group call is as good as its worst connection, for the indicator). */
export function worstQuality(qualities: (Quality | null)[]): Quality | null {
  const order: Quality[] = ["poor", "fair", "good"];
  return order.find((q) => qualities.includes(q)) ?? null;
}
