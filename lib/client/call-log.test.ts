import { describe, expect, it } from "vitest";
import { type Call, type CallLogEntry, type CallParticipant, callLogEntry } from "@/lib/contracts/calls";
import { translator } from "@/lib/i18n/translator";
import arMessages from "@/messages/ar";
import esMessages from "@/messages/es";
import { appendPage, callLogLine, callRowLabel, isGroupCall, mergeCall } from "./call-log";

const t = translator("system.calls");

const person = (userId: string, state: CallParticipant["state"], joinedAt: string | null = null): CallParticipant => ({
  userId,
  state,
  deviceId: joinedAt ? "ABCDEFGHIJ" : null,
  joinedAt,
  leftAt: null,
});

const call = (over: Partial<Call> = {}): Call => ({
  id: "c1",
  conversationId: "chat",
  callerId: "me",
  kind: "voice",
  state: "ended",
  endReason: "completed",
  createdAt: "2026-03-12T10:00:00.000Z",
  answeredAt: "2026-03-12T10:00:05.000Z",
  endedAt: "2026-03-12T10:02:36.000Z",
  participants: [person("me", "left", "2026-03-12T10:00:00.000Z"), person("ana", "left", "2026-03-12T10:00:05.000Z")],
  ...over,
});

const entry = (over: Partial<CallLogEntry> = {}): CallLogEntry => ({
  ...call(over),
  direction: "outgoing",
  missed: false,
  duration: 151,
  ...over,
});

describe("call log lines", () => {
  it("says which way a call went and what kind it was", () => {
    expect(callLogLine(entry(), "me", t)).toBe("Outgoing voice call");
    expect(callLogLine(entry({ kind: "video" }), "me", t)).toBe("Outgoing video call");
    expect(callLogLine(entry({ callerId: "ana", direction: "incoming" }), "me", t)).toBe("Incoming voice call");
  });

  it("says missed for an incoming call I never answered", () => {
    const missed = entry({
      callerId: "ana",
      direction: "incoming",
      missed: true,
      duration: null,
      endReason: "missed",
      participants: [person("ana", "left"), person("me", "missed")],
    });
    expect(callLogLine(missed, "me", t)).toBe("Missed voice call");
    expect(callLogLine({ ...missed, kind: "video" }, "me", t)).toBe("Missed video call");
  });

  it("says declined when I declined, not missed", () => {
    const declined = entry({
      callerId: "ana",
      direction: "incoming",
      duration: null,
      endReason: "declined",
      participants: [person("ana", "left"), person("me", "declined")],
    });
    expect(callLogLine(declined, "me", t)).toBe("Declined voice call");
    // Someone else declining my call: it is still my outgoing call.
    expect(callLogLine({ ...declined, callerId: "me", direction: "outgoing" }, "ana", t)).toBe("Outgoing voice call");
  });

  it("names group calls (three people or more)", () => {
    const group = entry({ participants: [person("me", "left"), person("ana", "left"), person("ben", "missed")] });
    expect(isGroupCall(group)).toBe(true);
    expect(isGroupCall(entry())).toBe(false);
    expect(callLogLine(group, "me", t)).toBe("Outgoing group voice call");
    expect(callLogLine({ ...group, callerId: "ana", direction: "incoming", kind: "video" }, "me", t)).toBe("Incoming group video call");
    expect(callLogLine({ ...group, callerId: "ben", direction: "incoming", missed: true }, "me", t)).toBe("Missed group voice call");
  });

  it("says ongoing while the call goes on", () => {
    expect(callLogLine(entry({ state: "ongoing", endReason: null, endedAt: null, duration: null }), "me", t)).toBe("Ongoing voice call");
  });

  it("reads a row as its title, line, time and duration", () => {
    expect(callRowLabel("Ana", "Missed voice call", "Yesterday", null, t)).toBe("Ana, Missed voice call, Yesterday");
    expect(callRowLabel("Ana", "Outgoing video call", "09:10", "2:31", t)).toBe("Ana, Outgoing video call, 09:10, 2:31");
  });

  it("read in the page's language, with its own word order and separators", () => {
    const es = translator("system.calls", "es", esMessages);
    expect(callLogLine(entry({ kind: "video", missed: true, direction: "incoming", callerId: "ana" }), "me", es)).toBe(
      "Videollamada perdida",
    );
    const ar = translator("system.calls", "ar", arMessages);
    expect(callLogLine(entry(), "me", ar)).toBe("مكالمة صوتية صادرة");
    expect(callRowLabel("آنا", "مكالمة صوتية صادرة", "أمس", "2:31", ar)).toBe("آنا، مكالمة صوتية صادرة، أمس، 2:31");
  });
});

describe("pushed calls", () => {
  it("become log entries as the server would list them", () => {
    const ended = call();
    expect(callLogEntry(ended, "me")).toEqual({ ...ended, direction: "outgoing", missed: false, duration: 151 });
    expect(callLogEntry(ended, "ana")).toMatchObject({ direction: "incoming", missed: false, duration: 151 });
    const unanswered = call({ answeredAt: null, endReason: "missed", participants: [person("me", "left"), person("ana", "missed")] });
    expect(callLogEntry(unanswered, "ana")).toMatchObject({ direction: "incoming", missed: true, duration: null });
    // The caller giving up isn't a missed call for the caller.
    expect(callLogEntry(unanswered, "me")).toMatchObject({ direction: "outgoing", missed: false });
    expect(callLogEntry(call({ participants: [person("me", "left"), person("ana", "declined")] }), "ana").missed).toBe(false);
  });

  it("go in newest first, replacing the same call", () => {
    const older = entry({ id: "c1", createdAt: "2026-03-12T09:00:00.000Z" });
    const old = entry({ id: "c2", createdAt: "2026-03-12T10:00:00.000Z", state: "ongoing" });
    const log = [old, older];
    const ended = entry({ id: "c2", createdAt: "2026-03-12T10:00:00.000Z", state: "ended" });
    expect(mergeCall(log, ended)).toEqual([ended, older]);
    const newest = entry({ id: "c3", createdAt: "2026-03-12T11:00:00.000Z" });
    expect(mergeCall(log, newest).map((e) => e.id)).toEqual(["c3", "c2", "c1"]);
    const between = entry({ id: "c4", createdAt: "2026-03-12T09:30:00.000Z" });
    expect(mergeCall(log, between).map((e) => e.id)).toEqual(["c2", "c4", "c1"]);
    // Started at the same moment: the larger id first, as the server orders them.
    expect(mergeCall([older], entry({ id: "c0", createdAt: older.createdAt })).map((e) => e.id)).toEqual(["c1", "c0"]);
    expect(mergeCall([], newest)).toEqual([newest]);
  });

  it("aren't listed twice when an older page has them too", () => {
    const a = entry({ id: "a" });
    const b = entry({ id: "b" });
    const c = entry({ id: "c" });
    expect(appendPage([a, b], [b, c]).map((e) => e.id)).toEqual(["a", "b", "c"]);
    expect(appendPage([], [a])).toEqual([a]);
  });
});
