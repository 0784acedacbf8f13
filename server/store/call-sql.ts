// SQL of calls: the call and its participants, the state changes (each a conditional update, so two
// devices or two nodes racing can't both win), the sweeps' reads and the call log. The rules are in
// server/services/calls.ts.
import type { Call, CallEndReason, CallKind, CallParticipant, CallState, ParticipantState } from "../../lib/contracts/calls";
import { type Driver, fromDbTime, inJson, json, jsonRows, toDbTime } from "./driver";

/** A participant as stored: the session that joined stays on the server (others see its device id). */
export interface StoredParticipant extends Omit<CallParticipant, "deviceId"> {
  sessionId: string | null;
  /** When its device last said it is still there. */
  seenAt: string | null;
}
export interface StoredCall extends Omit<Call, "participants"> {
  participants: StoredParticipant[];
}

const CALL_COLUMNS = `c."id", c."conversationId", c."callerId", c."kind", c."state", c."endReason", c."createdAt", c."answeredAt", c."endedAt"`;

const time = (value: unknown) => (value == null ? null : (fromDbTime(value) as string));

const toParticipant = (r: Record<string, unknown>): StoredParticipant => ({
  userId: r.userId as string,
  state: r.state as ParticipantState,
  sessionId: (r.sessionId as string | null) ?? null,
  joinedAt: time(r.joinedAt),
  leftAt: time(r.leftAt),
  seenAt: time(r.seenAt),
});

/** These calls with their participants (the caller first), in the order asked. */
async function withParticipants(db: Driver, rows: Record<string, unknown>[]): Promise<StoredCall[]> {
  if (!rows.length) return [];
  const parts = await db.all(
    `SELECT "callId", "userId", "state", "sessionId", "joinedAt", "leftAt", "seenAt" FROM "CallParticipant" WHERE "callId" ${inJson(db.dialect)}`,
    [json(rows.map((r) => r.id as string))],
  );
  return rows.map((r) => {
    const mine = parts.filter((p) => p.callId === r.id).map(toParticipant);
    return {
      id: r.id as string,
      conversationId: r.conversationId as string,
      callerId: r.callerId as string,
      kind: r.kind as CallKind,
      state: r.state as CallState,
      endReason: (r.endReason as CallEndReason | null) ?? null,
      createdAt: fromDbTime(r.createdAt) as string,
      answeredAt: time(r.answeredAt),
      endedAt: time(r.endedAt),
      participants: [...mine.filter((p) => p.userId === r.callerId), ...mine.filter((p) => p.userId !== r.callerId)],
    };
  });
}

export async function callById(db: Driver, callId: string): Promise<StoredCall | null> {
  const row = await db.get(`SELECT ${CALL_COLUMNS} FROM "Call" c WHERE c."id" = ?`, [callId]);
  return row ? ((await withParticipants(db, [row]))[0] ?? null) : null;
}

export interface NewCall {
  id: string;
  conversationId: string;
  callerId: string;
  callerSessionId: string;
  kind: CallKind;
  /** Who rings (null: nobody is told, e.g. the caller is blocked: the caller hears it ring until it is missed). */
  rung: string[];
  /** Those called who won't ring: they are logged as missed at once (silenced unknown callers). */
  silenced: string[];
  at: Date;
}

/** Stores a new call, ringing; false (nothing stored) if a call is already going on in that chat. */
export async function insertCall(tx: Driver, c: NewCall): Promise<boolean> {
  const at = toDbTime(tx.dialect, c.at);
  // The partial unique index on live calls per chat (migration 0020) makes a second one do nothing.
  const stored = await tx.run(
    `INSERT INTO "Call" ("id", "conversationId", "callerId", "kind", "state", "createdAt") VALUES (?, ?, ?, ?, 'ringing', ?) ON CONFLICT DO NOTHING`,
    [c.id, c.conversationId, c.callerId, c.kind, at],
  );
  if (!stored) return false;
  await tx.run(
    `INSERT INTO "CallParticipant" ("callId", "userId", "state", "sessionId", "joinedAt", "seenAt") VALUES (?, ?, 'joined', ?, ?, ?)`,
    [c.id, c.callerId, c.callerSessionId, at, at],
  );
  const others = [...c.rung.map((id) => [id, "ringing"]), ...c.silenced.map((id) => [id, "missed"])];
  if (others.length)
    await tx.run(
      `INSERT INTO "CallParticipant" ("callId", "userId", "state") SELECT ?, v."userId", v."state" FROM ${jsonRows(tx.dialect, "v", [
        ["userId", "text"],
        ["state", "text"],
      ])}`,
      [c.id, json(others)],
    );
  return true;
}

/** The user's call that isn't over and in which they are joined, if any (they are busy). */
export async function liveCallOf(db: Driver, userId: string): Promise<string | null> {
  const row = await db.get<{ id: string }>(
    `SELECT c."id" FROM "CallParticipant" p JOIN "Call" c ON c."id" = p."callId" WHERE p."userId" = ? AND p."state" = 'joined' AND c."state" <> 'ended' LIMIT 1`,
    [userId],
  );
  return row?.id ?? null;
}

/**
 * A person ringing answers on one device: they join with it, if they were still ringing (or, in an ongoing
 * group call, had not joined) and the call hasn't ended meanwhile.
 */
export async function joinCall(tx: Driver, callId: string, userId: string, sessionId: string, at: Date): Promise<boolean> {
  const when = toDbTime(tx.dialect, at);
  const changed = await tx.run(
    `UPDATE "CallParticipant" SET "state" = 'joined', "sessionId" = ?, "joinedAt" = ?, "seenAt" = ?, "leftAt" = NULL
     WHERE "callId" = ? AND "userId" = ? AND "state" <> 'joined' AND EXISTS (SELECT 1 FROM "Call" WHERE "id" = ? AND "state" <> 'ended')`,
    [sessionId, when, when, callId, userId, callId],
  );
  if (changed)
    await tx.run(`UPDATE "Call" SET "state" = 'ongoing', "answeredAt" = COALESCE("answeredAt", ?) WHERE "id" = ? AND "state" <> 'ended'`, [
      when,
      callId,
    ]);
  return changed > 0;
}

/** A participant's state changes (declined, left, missed); false if it was not `from`. */
export async function setParticipant(
  tx: Driver,
  callId: string,
  userId: string,
  from: ParticipantState[],
  to: ParticipantState,
  at: Date,
): Promise<boolean> {
  const left = to === "left" ? toDbTime(tx.dialect, at) : null;
  const changed = await tx.run(
    `UPDATE "CallParticipant" SET "state" = ?, "leftAt" = COALESCE(?, "leftAt") WHERE "callId" = ? AND "userId" = ? AND "state" ${inJson(tx.dialect)}`,
    [to, left, callId, userId, json(from)],
  );
  return changed > 0;
}

/** Ends the call, unless it already was; whoever still rings missed it, whoever is joined left. */
export async function endCall(tx: Driver, callId: string, reason: CallEndReason, at: Date): Promise<boolean> {
  const when = toDbTime(tx.dialect, at);
  const changed = await tx.run(
    `UPDATE "Call" SET "state" = 'ended', "endReason" = ?, "endedAt" = ? WHERE "id" = ? AND "state" <> 'ended'`,
    [reason, when, callId],
  );
  if (!changed) return false;
  await tx.run(`UPDATE "CallParticipant" SET "state" = 'missed' WHERE "callId" = ? AND "state" = 'ringing'`, [callId]);
  await tx.run(`UPDATE "CallParticipant" SET "state" = 'left', "leftAt" = ? WHERE "callId" = ? AND "state" = 'joined'`, [when, callId]);
  return true;
}

/** The live calls this device (a session of `userId`) is joined in, with when it last said it is there. */
export async function callsOfSession(db: Driver, userId: string, sessionId: string): Promise<{ callId: string; seenAt: string | null }[]> {
  // By user first (indexed): this runs after every socket that closes.
  const rows = await db.all(
    `SELECT p."callId", p."seenAt" FROM "CallParticipant" p JOIN "Call" c ON c."id" = p."callId" WHERE p."userId" = ? AND p."sessionId" = ? AND p."state" = 'joined' AND c."state" <> 'ended'`,
    [userId, sessionId],
  );
  return rows.map((r) => ({ callId: r.callId as string, seenAt: time(r.seenAt) }));
}

/** A device in the call says it is still there. */
export async function touchParticipant(tx: Driver, callId: string, sessionId: string, at: Date): Promise<boolean> {
  const changed = await tx.run(`UPDATE "CallParticipant" SET "seenAt" = ? WHERE "callId" = ? AND "sessionId" = ? AND "state" = 'joined'`, [
    toDbTime(tx.dialect, at),
    callId,
    sessionId,
  ]);
  return changed > 0;
}

/**
 * Calls that aren't over and have rung since before `ringCutoff` (nobody answered, or someone still rings),
 * or where a joined device went quiet before `quietCutoff`.
 */
export async function callsToSweep(db: Driver, ringCutoff: Date, quietCutoff: Date): Promise<StoredCall[]> {
  const rows = await db.all(
    `SELECT ${CALL_COLUMNS} FROM "Call" c WHERE c."state" IN ('ringing', 'ongoing') AND (
       (c."createdAt" < ? AND (c."state" = 'ringing' OR EXISTS (SELECT 1 FROM "CallParticipant" p WHERE p."callId" = c."id" AND p."state" = 'ringing')))
       OR EXISTS (SELECT 1 FROM "CallParticipant" p WHERE p."callId" = c."id" AND p."state" = 'joined' AND p."seenAt" < ?))
     ORDER BY c."createdAt" LIMIT 500`,
    [toDbTime(db.dialect, ringCutoff), toDbTime(db.dialect, quietCutoff)],
  );
  return withParticipants(db, rows);
}

/** A page of the user's calls (those they made or were called in), newest first, before the call `before`. */
export async function callLogOf(db: Driver, userId: string, before: string | undefined, limit: number): Promise<StoredCall[]> {
  const row = before ? await db.get(`SELECT "createdAt", "id" FROM "Call" WHERE "id" = ?`, [before]) : undefined;
  const at = row ? toDbTime(db.dialect, new Date(fromDbTime(row.createdAt) as string)) : null;
  const rows = await db.all(
    `SELECT ${CALL_COLUMNS} FROM "CallParticipant" p JOIN "Call" c ON c."id" = p."callId" WHERE p."userId" = ?${
      at ? ` AND (c."createdAt" < ? OR (c."createdAt" = ? AND c."id" < ?))` : ""
    } ORDER BY c."createdAt" DESC, c."id" DESC LIMIT ?`,
    at ? [userId, at, at, before as string, limit] : [userId, limit],
  );
  return withParticipants(db, rows);
}
