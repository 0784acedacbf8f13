// Voice and video calls: starting one (ringing every device of everyone called), answering on one device
// (the others stop ringing), declining, hanging up, the relay of signals between the devices in a call, and
// the sweep that ends what nobody answered or nobody is left in. Each change is a conditional update in the
// database, so two devices, or two nodes, racing can't both win; each is pushed as call:updated to every
// device of everyone in the call. Signalling is relayed, never stored; in an end-to-end encrypted chat it
// must be encrypted (the server can't read or forge the SDP and its DTLS fingerprints).
import { randomUUID } from "node:crypto";
import {
  CALL_LOG_PAGE,
  CALL_QUIET_MS,
  CALL_RING_MS,
  type Call,
  type CallEndReason,
  type CallLogEntry,
  type CallSignal,
  callDuration,
  callLogEntry,
  GROUP_CALL_MAX,
  type StartCall,
} from "../../lib/contracts/calls";
import { durationLabel } from "../../lib/shared/duration";
import type { ActiveSession } from "../auth/sessions";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import type { PushText } from "../push/push-text";
import {
  callById,
  callLogOf,
  callsOfSession,
  callsToSweep,
  endCall,
  insertCall,
  joinCall,
  liveCallOf,
  type StoredCall,
  setParticipant,
  touchParticipant,
} from "../store/call-sql";
import type { Driver } from "../store/driver";
import { membersFor } from "./conversation-access";
import { deviceIdOf } from "./device-keys";
import { emptyEvent, recordEvent } from "./group-events";
import { directConversationId } from "./open-direct-conversation";
import { relations } from "./privacy";
import { notifyUsers } from "./push";

const notFound = () => new AppError("not_found", { key: "errors.calls.notFound" }, { field: "callId" });
const ended = () => new AppError("conflict", { key: "errors.calls.ended" }, { field: "callId" });

/** A call as its people see it: each joined device by its public device id, never its session. */
export const publicCall = ({ participants, ...call }: StoredCall): Call => ({
  ...call,
  participants: participants.map(({ sessionId, seenAt: _, ...p }) => ({
    ...p,
    deviceId: sessionId === null ? null : deviceIdOf(sessionId),
  })),
});

const everyone = (call: StoredCall) => call.participants.map((p) => p.userId);

/** Tells every device of everyone in the call where it stands. */
function tell(app: AppContext, call: StoredCall): void {
  app.publisher.callUpdated(publicCall(call), everyone(call));
}

/**
 * Starts a call to a person (in our direct chat, opened if need be) or in a chat I'm in. Rings every
 * device of each member who may be rung: not if they blocked me (I hear it ring until it is missed, and
 * they never know), not if they silence unknown callers and I'm not their contact (logged as missed for
 * them). Someone already in a call is busy: a one-to-one call then ends at once.
 */
export async function startCall(app: AppContext, caller: ActiveSession, input: StartCall): Promise<{ call: StoredCall }> {
  const { userId } = caller;
  await app.limits.calls.take(userId);
  const conversationId = input.conversationId ?? (await directConversationId(app, userId, input.to as string));
  const members = await membersFor(app, conversationId, userId);
  const others = members.filter((id) => id !== userId);
  if (!others.length) throw new AppError("bad_request", { key: "errors.calls.nobodyToCall" }, { field: "conversationId" });
  if (members.length > GROUP_CALL_MAX)
    throw new AppError(
      "bad_request",
      { key: "errors.calls.tooManyPeople", values: { limit: GROUP_CALL_MAX, count: members.length } },
      {
        field: "conversationId",
      },
    );
  if (await liveCallOf(app.store.reader, userId)) throw new AppError("conflict", { key: "errors.calls.alreadyInCall" });

  const related = await relations(app, userId, others);
  const blockedBy = others.filter((id) => related.get(id)?.ownerBlocksViewer);
  const silenced = others.filter(
    (id) => !blockedBy.includes(id) && related.get(id)?.owner.silenceUnknownCallers && !related.get(id)?.viewerIsContact,
  );
  const rung = others.filter((id) => !blockedBy.includes(id) && !silenced.includes(id));
  const busy = others.length === 1 && rung.length === 1 && (await liveCallOf(app.store.reader, rung[0])) !== null;
  const id = randomUUID();
  const at = app.now();
  const call = await app.store.transact(async (tx) => {
    const stored = await insertCall(tx, {
      id,
      conversationId,
      callerId: userId,
      callerSessionId: caller.sessionId,
      kind: input.kind,
      rung,
      silenced,
      at,
    });
    if (!stored) return null;
    if (busy) await endCall(tx, id, "busy", at);
    return (await callById(tx, id)) as StoredCall;
  });
  // A call is going on in this chat already (or the other person called at the same moment, first).
  if (!call) throw new AppError("conflict", { key: "errors.calls.alreadyGoingOn" }, { field: "conversationId" });
  // Nobody who blocked me is in it, so nobody who blocked me hears of it.
  tell(app, call);
  if (busy) await logInChat(app, call);
  else pushIncoming(app, call, rung);
  return { call };
}

/** A push to the devices of those rung that have no connection open: tapping it opens the call. */
function pushIncoming(app: AppContext, call: StoredCall, rung: string[]): void {
  notifyUsers(app, rung, async (recipients) => {
    const { displayName } = await app.db.user.findUniqueOrThrow({ where: { id: call.callerId }, select: { displayName: true } });
    return new Map(
      recipients.map((r) => [
        r.userId,
        (text: PushText) => ({
          kind: "call" as const,
          title: displayName,
          body: text.push("incomingCall", { kind: call.kind }),
          tag: `call-${call.id}`,
          url: `/?call=${call.id}`,
          conversationId: call.conversationId,
          sound: r.sounds,
          sentAt: Date.parse(call.createdAt),
        }),
      ]),
    );
  });
}

/** The call, if `userId` is in it (or was rung); 404 otherwise, as for one that doesn't exist. */
async function callFor(app: AppContext, userId: string, callId: string): Promise<StoredCall> {
  const call = await callById(app.store.reader, callId);
  if (!call?.participants.some((p) => p.userId === userId)) throw notFound();
  return call;
}

/** Picks up on this device (or joins an ongoing group call), or declines. */
export async function answerCall(app: AppContext, session: ActiveSession, callId: string, accept: boolean): Promise<{ call: StoredCall }> {
  const { userId } = session;
  const before = await callFor(app, userId, callId);
  if (before.state === "ended") throw ended();
  const me = before.participants.find((p) => p.userId === userId);
  if (!accept) {
    if (me?.state !== "ringing") throw new AppError("conflict", { key: "errors.calls.notRinging" }, { field: "callId" });
    return settle(app, callId, (tx, at) => setParticipant(tx, callId, userId, ["ringing"], "declined", at));
  }
  if (me?.state === "joined")
    throw new AppError(
      "conflict",
      { key: me.sessionId === session.sessionId ? "errors.calls.alreadyAnswered" : "errors.calls.answeredElsewhere" },
      { field: "callId" },
    );
  // A one-to-one call is answered while it rings; a group call can also be joined while it goes on.
  const group = before.participants.length > 2;
  if (!group && me?.state !== "ringing") throw new AppError("conflict", { key: "errors.calls.notRinging" }, { field: "callId" });
  const elsewhere = await liveCallOf(app.store.reader, userId);
  if (elsewhere && elsewhere !== callId) throw new AppError("conflict", { key: "errors.calls.inAnotherCall" });
  const at = app.now();
  const joined = await app.store.transact((tx) => joinCall(tx, callId, userId, session.sessionId, at));
  const call = (await callById(app.store.reader, callId)) as StoredCall;
  if (!joined)
    throw call.state === "ended" ? ended() : new AppError("conflict", { key: "errors.calls.answeredElsewhere" }, { field: "callId" });
  tell(app, call);
  return { call };
}

/** Leaves the call on this device: ends a one-to-one call (cancels it while it rings); a group call goes on while two are in it. */
export async function hangUp(app: AppContext, session: ActiveSession, callId: string, failed = false): Promise<{ call: StoredCall }> {
  const { userId } = session;
  const before = await callFor(app, userId, callId);
  // Hanging up twice (a retry, or the other side was first) changes nothing.
  if (before.state === "ended") return { call: before };
  const me = before.participants.find((p) => p.userId === userId);
  if (me?.state === "ringing") return answerCall(app, session, callId, false);
  if (me?.state !== "joined" || me.sessionId !== session.sessionId) throw new AppError("conflict", { key: "errors.calls.notInCallHere" });
  return settle(app, callId, (tx, at) => setParticipant(tx, callId, userId, ["joined"], "left", at), failed ? "failed" : undefined);
}

/**
 * Applies a change, then ends the call if it is over: nobody answered and nobody rings (cancelled by the
 * caller, declined, missed), or fewer than two are in it and nobody rings. Tells everyone, and records it in the chat once it ended.
 */
async function settle(
  app: AppContext,
  callId: string,
  change: (tx: Driver, at: Date) => Promise<unknown>,
  failure?: CallEndReason,
): Promise<{ call: StoredCall }> {
  const at = app.now();
  const { call, over } = await app.store.transact(async (tx) => {
    await change(tx, at);
    const now = (await callById(tx, callId)) as StoredCall;
    const reason = now.state === "ended" ? null : endOf(now, failure);
    const over = reason !== null && (await endCall(tx, callId, reason, at));
    return { call: over ? ((await callById(tx, callId)) as StoredCall) : now, over };
  });
  tell(app, call);
  if (over) await logInChat(app, call);
  return { call };
}

/** Why a call that isn't over yet is over now, or null if it goes on. */
function endOf(call: StoredCall, failure?: CallEndReason): CallEndReason | null {
  const { participants } = call;
  const ringing = participants.some((p) => p.state === "ringing");
  const joined = participants.filter((p) => p.state === "joined").length;
  if (call.state === "ringing") {
    const caller = participants.find((p) => p.userId === call.callerId);
    if (caller?.state !== "joined") return "cancelled";
    if (ringing) return null;
    return participants.some((p) => p.state === "declined") ? "declined" : "missed";
  }
  if (joined >= 2 || (joined === 1 && ringing)) return null;
  return failure ?? "completed";
}

/** A system message in the call's chat once it ended: "Voice call · 2:31", "Missed video call", ... (none if nobody was told). */
async function logInChat(app: AppContext, call: StoredCall): Promise<void> {
  if (call.participants.length < 2) return;
  const group = call.participants.length > 2 ? "group " : "";
  const what = `${group}${call.kind} call`;
  const seconds = callDuration(call);
  const text =
    seconds !== null
      ? `${what[0].toUpperCase()}${what.slice(1)} · ${durationLabel(seconds)}`
      : call.endReason === "declined"
        ? `Declined ${what}`
        : call.endReason === "failed"
          ? `${what[0].toUpperCase()}${what.slice(1)} couldn't connect`
          : `Missed ${what}`;
  const out = emptyEvent();
  await app.store.transact((tx) => recordEvent(app, tx, out, call.conversationId, call.callerId, text));
  for (const { message, memberIds } of out.messages) app.publisher.messageCreated(message, memberIds);
}

/** Relays a signal from my device in the call to another device in it. */
export async function relaySignal(app: AppContext, session: ActiveSession, { callId, to, signal }: CallSignal): Promise<{ relayed: true }> {
  const call = await callFor(app, session.userId, callId);
  if (call.state === "ended") throw ended();
  const from = call.participants.find((p) => p.userId === session.userId);
  if (from?.state !== "joined" || from.sessionId !== session.sessionId)
    throw new AppError("conflict", { key: "errors.calls.notInCallHere" });
  const target = call.participants.find(
    (p) => p.userId === to.userId && p.state === "joined" && p.sessionId && deviceIdOf(p.sessionId) === to.deviceId,
  );
  if (!target?.sessionId) throw new AppError("not_found", { key: "errors.calls.deviceNotInCall" }, { field: "to" });
  if ("plain" in signal) {
    const conversation = await app.db.conversation.findUnique({ where: { id: call.conversationId }, select: { encrypted: true } });
    if (conversation?.encrypted) throw new AppError("bad_request", { key: "errors.calls.signalsMustEncrypt" }, { field: "signal" });
  }
  app.publisher.callSignal(target.sessionId, { callId, from: { userId: session.userId, deviceId: deviceIdOf(session.sessionId) }, signal });
  return { relayed: true };
}

/** My device is still in the call (a device silent for CALL_QUIET_MS is taken out by the sweep). */
export async function callHeartbeat(app: AppContext, session: ActiveSession, callId: string): Promise<void> {
  const at = app.now();
  await app.store.transact((tx) => touchParticipant(tx, callId, session.sessionId, at));
}

/**
 * A device's connection closed (a tab closed, a network gone): if it hasn't said it is still there since
 * `since` (a reconnected socket's heartbeat would have), it left its calls. The sweep does the same for a
 * node that died with its connections.
 */
export async function leaveIfGone(app: AppContext, session: ActiveSession, since: Date): Promise<void> {
  for (const { callId, seenAt } of await callsOfSession(app.store.reader, session.userId, session.sessionId))
    if (seenAt === null || Date.parse(seenAt) <= since.getTime()) await hangUp(app, session, callId);
}

/**
 * Ends what nobody answered and takes out devices that went quiet (a closed tab, a node that died with
 * the caller's connection): those still ringing after CALL_RING_MS missed it, those silent for
 * CALL_QUIET_MS left; a call that is over then ends. Every node sweeps; the conditional updates let one win.
 */
export async function sweepCalls(app: AppContext): Promise<number> {
  const now = app.now();
  const ringCutoff = new Date(now.getTime() - CALL_RING_MS);
  const quietCutoff = new Date(now.getTime() - CALL_QUIET_MS);
  let swept = 0;
  for (const call of await callsToSweep(app.store.reader, ringCutoff, quietCutoff)) {
    const timedOut = Date.parse(call.createdAt) < ringCutoff.getTime();
    await settle(app, call.id, async (tx, at) => {
      for (const p of call.participants) {
        if (timedOut && p.state === "ringing") await setParticipant(tx, call.id, p.userId, ["ringing"], "missed", at);
        // While it rings, a quiet caller's call is left to ring out (it then ends as missed, not cancelled).
        const quiet = p.state === "joined" && p.seenAt !== null && Date.parse(p.seenAt) < quietCutoff.getTime();
        if (quiet && call.state !== "ringing") await setParticipant(tx, call.id, p.userId, ["joined"], "left", at);
      }
    });
    swept++;
  }
  return swept;
}

/** My call log, newest first: each call as it was for me. */
export async function callLog(app: AppContext, userId: string, before?: string): Promise<{ calls: CallLogEntry[]; more: boolean }> {
  const rows = await callLogOf(app.store.reader, userId, before, CALL_LOG_PAGE + 1);
  const calls = rows.slice(0, CALL_LOG_PAGE).map((stored) => callLogEntry(publicCall(stored), userId));
  return { calls, more: rows.length > CALL_LOG_PAGE };
}
