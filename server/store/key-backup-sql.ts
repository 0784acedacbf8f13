// Key backups (KeyBackup, BackedUpRoomKey in prisma/schema.prisma), on the driver. Writes run inside the
// store's write transaction (MessageStore.transact).
import { type Driver, inJson, json, jsonRows, orFail, toDbTime, truthy } from "./driver";

export interface BackupRow {
  version: number;
  algorithm: string;
  authData: string;
  etag: number;
}

export interface BackedUpKeyRow {
  conversationId: string;
  sessionId: string;
  firstMessageIndex: number;
  forwardedCount: number;
  verified: boolean;
  data: string;
}

export const backupOf = (db: Driver, userId: string) =>
  db.get<BackupRow>(`SELECT "version", "algorithm", "authData", "etag" FROM "KeyBackup" WHERE "userId" = ?`, [userId]);

export async function backedUpKeyCount(db: Driver, userId: string): Promise<number> {
  const row = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "BackedUpRoomKey" WHERE "userId" = ?`, [userId]);
  return Number(row?.n ?? 0);
}

/** Replaces the user's backup (and drops its keys: they were encrypted to the old key). Returns the new version. */
export async function replaceBackup(tx: Driver, userId: string, algorithm: string, authData: object): Promise<number> {
  const version = ((await backupOf(tx, userId))?.version ?? 0) + 1;
  await tx.run(`DELETE FROM "BackedUpRoomKey" WHERE "userId" = ?`, [userId]);
  await tx.run(`DELETE FROM "KeyBackup" WHERE "userId" = ?`, [userId]);
  await tx.run(`INSERT INTO "KeyBackup" ("userId", "version", "algorithm", "authData", "etag", "createdAt") VALUES (?, ?, ?, ?, 0, ?)`, [
    userId,
    version,
    algorithm,
    JSON.stringify(authData),
    toDbTime(tx.dialect, new Date()),
  ]);
  return version;
}

/** Deletes the user's backup and its keys; false when there was none. */
export const deleteBackup = async (tx: Driver, userId: string) =>
  (await tx.run(`DELETE FROM "KeyBackup" WHERE "userId" = ?`, [userId])) > 0;

/**
 * Adds keys to the user's backup. A key already there is replaced only by a better one (the Matrix rule:
 * a verified key beats an unverified one, then the one reaching further back, then the one forwarded
 * fewer times), so a device never overwrites a key with a worse copy. Moves the etag on.
 */
export async function putBackedUpKeys(tx: Driver, userId: string, keys: BackedUpKeyRow[]): Promise<void> {
  const better = (column: string) => `EXCLUDED."${column}"`;
  await tx.run(
    `INSERT${orFail(tx.dialect)} INTO "BackedUpRoomKey" ("userId", "conversationId", "sessionId", "firstMessageIndex", "forwardedCount", "verified", "data")
     SELECT ?, k."conversationId", k."sessionId", k."firstMessageIndex", k."forwardedCount", k."verified", k."data" FROM ${jsonRows(
       tx.dialect,
       "k",
       [
         ["conversationId", "text"],
         ["sessionId", "text"],
         ["firstMessageIndex", "integer"],
         ["forwardedCount", "integer"],
         ["verified", "boolean"],
         ["data", "text"],
       ],
     )} WHERE true
     ON CONFLICT ("userId", "conversationId", "sessionId") DO UPDATE SET
       "firstMessageIndex" = ${better("firstMessageIndex")}, "forwardedCount" = ${better("forwardedCount")},
       "verified" = ${better("verified")}, "data" = ${better("data")}
     WHERE ${better("verified")} AND NOT "BackedUpRoomKey"."verified"
        OR ${better("verified")} = "BackedUpRoomKey"."verified" AND (
             ${better("firstMessageIndex")} < "BackedUpRoomKey"."firstMessageIndex"
          OR ${better("firstMessageIndex")} = "BackedUpRoomKey"."firstMessageIndex" AND ${better("forwardedCount")} < "BackedUpRoomKey"."forwardedCount")`,
    [userId, json(keys.map((k) => [k.conversationId, k.sessionId, k.firstMessageIndex, k.forwardedCount, k.verified, k.data]))],
  );
  await tx.run(`UPDATE "KeyBackup" SET "etag" = "etag" + 1 WHERE "userId" = ?`, [userId]);
}

/** A page of the user's backed-up keys in (conversation, session) order, after the given pair. */
export async function backedUpKeys(db: Driver, userId: string, after: [string, string] | null, limit: number): Promise<BackedUpKeyRow[]> {
  const rows = await db.all<BackedUpKeyRow>(
    `SELECT "conversationId", "sessionId", "firstMessageIndex", "forwardedCount", "verified", "data" FROM "BackedUpRoomKey"
     WHERE "userId" = ? AND ("conversationId" > ? OR "conversationId" = ? AND "sessionId" > ?)
     ORDER BY "conversationId", "sessionId" LIMIT ?`,
    [userId, after?.[0] ?? "", after?.[0] ?? "", after?.[1] ?? "", limit],
  );
  return rows.map((row) => ({ ...row, verified: truthy(row.verified) }));
}

/** Which of these conversations the user is or was a member of (a key for any other is refused). */
export const conversationsOfMember = async (db: Driver, userId: string, conversationIds: string[]): Promise<Set<string>> =>
  new Set(
    (
      await db.all<{ conversationId: string }>(
        `SELECT "conversationId" FROM "ConversationMember" WHERE "userId" = ? AND "conversationId" ${inJson(db.dialect)}`,
        [userId, json(conversationIds)],
      )
    ).map((row) => row.conversationId),
  );
