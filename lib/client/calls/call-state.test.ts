import { describe, expect, it } from "vitest";
import type { Call, CallParticipant } from "@/lib/contracts/calls";
import { translator } from "@/lib/i18n/translator";
import {
  type CallNotice,
  endedReason,
  joinedHere,
  makesOffer,
  noticeText,
  otherDevices,
  qualityOf,
  ringingHere,
  worstQuality,
} from "./call-state";

const person = (userId: string, state: CallParticipant["state"], deviceId: string | null = null): CallParticipant => ({
  userId,
  state,
  deviceId,
  joinedAt: null,
  leftAt: null,
});

const callOf = (participants: CallParticipant[], change: Partial<Call> = {}): Call => ({
  id: "call-1",
  conversationId: "chat-1",
  callerId: "ana",
  kind: "video",
  state: "ringing",
  endReason: null,
  createdAt: "2026-12-07T10:00:00.000Z",
  answeredAt: null,
  endedAt: null,
  participants,
  ...change,
});

const t = translator("system.calls");
/** What the window says once `call` ended, as it was for `me`. */
const endedLabel = (call: Call, me: string) => noticeText({ reason: endedReason(call, me) }, t);

const benLaptop = { userId: "ben", deviceId: "LAPTOPAAAA" };
const benPhone = { userId: "ben", deviceId: "PHONEAAAAA" };

describe("a call on this device", () => {
  it("rings on each of my devices until one answers; the others hear it was answered elsewhere", () => {
    const ringing = callOf([person("ana", "joined", "ANAAAAAAAA"), person("ben", "ringing")]);
    expect(ringingHere(ringing, benLaptop)).toBe("ring");
    expect(ringingHere(ringing, benPhone)).toBe("ring");
    const answered = callOf([person("ana", "joined", "ANAAAAAAAA"), person("ben", "joined", benLaptop.deviceId)], { state: "ongoing" });
    expect(joinedHere(answered, benLaptop)).toBe(true);
    expect(ringingHere(answered, benPhone)).toBe("elsewhere");
    expect(joinedHere(answered, benPhone)).toBe(false);
    // Declined on one device, or ended: nothing to show on the others.
    expect(ringingHere(callOf([person("ana", "joined", "ANAAAAAAAA"), person("ben", "declined")]), benPhone)).toBe("none");
    expect(ringingHere(callOf([person("ana", "left"), person("ben", "ringing")], { state: "ended" }), benPhone)).toBe("none");
    // Not in it at all.
    expect(ringingHere(ringing, { userId: "cy", deviceId: "CYAAAAAAAA" })).toBe("none");
  });

  it("connects to everyone else who joined (not to those ringing or gone), and exactly one of each pair offers", () => {
    const call = callOf(
      [
        person("ana", "joined", "ANAAAAAAAA"),
        person("ben", "joined", "BENAAAAAAA"),
        person("cy", "ringing"),
        person("dee", "left", "DEEAAAAAAA"),
      ],
      { state: "ongoing" },
    );
    const ana = { userId: "ana", deviceId: "ANAAAAAAAA" };
    expect(otherDevices(call, ana)).toEqual([{ userId: "ben", deviceId: "BENAAAAAAA" }]);
    expect(otherDevices({ ...call, state: "ended" }, ana)).toEqual([]);
    const ben = { userId: "ben", deviceId: "BENAAAAAAA" };
    expect(makesOffer(ana, ben)).not.toBe(makesOffer(ben, ana));
  });

  it("says why a call ended, as it was for me", () => {
    const ended = (endReason: Call["endReason"], participants = [person("ana", "left"), person("ben", "missed")]) =>
      callOf(participants, { state: "ended", endReason });
    expect(endedLabel(ended("missed"), "ana")).toBe("No answer");
    expect(endedLabel(ended("missed"), "ben")).toBe("Missed call");
    expect(endedLabel(ended("missed", [person("ana", "left"), person("ben", "missed"), person("cy", "missed")]), "ana")).toBe(
      "Nobody answered",
    );
    expect(endedLabel(ended("declined"), "ana")).toBe("Call declined");
    expect(endedLabel(ended("busy"), "ana")).toBe("Busy: on another call");
    expect(endedLabel(ended("cancelled"), "ben")).toBe("Missed call");
    expect(endedLabel(ended("failed"), "ben")).toBe("Couldn't connect");
    expect(endedLabel(ended("completed"), "ben")).toBe("Call ended");
    expect(endedLabel(ended("declined"), "ben")).toBe("Call ended");
    expect(endedLabel(ended("cancelled"), "ana")).toBe("Call cancelled");
    // What the engine says itself, and a problem's own message.
    const notice = (n: CallNotice) => noticeText(n, t);
    expect(notice({ reason: "answeredElsewhere" })).toBe("Answered on another device");
    expect(notice({ message: "No microphone found on this device" })).toBe("No microphone found on this device");
  });
});

describe("connection quality", () => {
  it("is good, fair or poor by round trip and packets lost, and unknown before anything was measured", () => {
    expect(qualityOf({ packetsReceived: 0, packetsLost: 0 })).toBeNull();
    expect(qualityOf({ rtt: 0.05, packetsReceived: 500, packetsLost: 0 })).toBe("good");
    expect(qualityOf({ rtt: 0.4, packetsReceived: 500, packetsLost: 0 })).toBe("fair");
    expect(qualityOf({ rtt: 0.05, packetsReceived: 95, packetsLost: 5 })).toBe("fair");
    expect(qualityOf({ rtt: 0.05, packetsReceived: 80, packetsLost: 20 })).toBe("poor");
    expect(qualityOf({ rtt: 0.9, packetsReceived: 500, packetsLost: 0 })).toBe("poor");
    // A group call is as good as its worst link.
    expect(worstQuality(["good", null, "fair"])).toBe("fair");
    expect(worstQuality([null])).toBeNull();
  });
});
