// SQL of status updates: posting, the feed's reads, views, and removal (deleted early or expired) with the
// files no message or other status still carries. Who may see what is decided in server/services/privacy.ts.
import type { EncryptedContent } from "../../lib/contracts/e2ee";
import type { MessageFile } from "../../lib/contracts/messaging";
import type { Status, StatusBackground, StatusFont, StatusKind } from "../../lib/contracts/status";
import { type Driver, fromDbTime, inJson, json, toDbTime, truthy } from "./driver";
import { freeFiles } from "./message-sql";

const COLUMNS = `s."id", s."clientId", s."userId", s."kind", s."text", s."background", s."font", s."attachment", s."encrypted", s."createdAt", s."expiresAt"`;

/** A status as stored; `viewed` and `viewCount` come from the reader's point of view. */
const toStatus = (r: Record<string, unknown>): Status => {
  const status: Status = {
    id: r.id as string,
    clientId: r.clientId as string,
    userId: r.userId as string,
    kind: r.kind as StatusKind,
    text: r.text as string,
    background: (r.background as StatusBackground | null) ?? null,
    font: (r.font as StatusFont | null) ?? null,
    createdAt: fromDbTime(r.createdAt) as string,
    expiresAt: fromDbTime(r.expiresAt) as string,
    viewed: r.viewed == null || truthy(r.viewed),
    viewCount: Number(r.viewCount ?? 0),
  };
  if (r.attachment != null) status.file = JSON.parse(r.attachment as string) as MessageFile;
  if (r.encrypted != null) status.encrypted = JSON.parse(r.encrypted as string) as EncryptedContent;
  return status;
};

/** A status about to be stored: what a read returns, but the reader's view of it, with times as dates. */
export type NewStatus = Omit<Status, "createdAt" | "expiresAt" | "viewed" | "viewCount"> & { createdAt: Date; expiresAt: Date };

/** The user's status with this client id (a retried post), if any. */
export async function statusByClientId(db: Driver, userId: string, clientId: string): Promise<Status | null> {
  const row = await db.get(`SELECT ${COLUMNS}, ${viewCount} FROM "Status" s WHERE s."userId" = ? AND s."clientId" = ?`, [userId, clientId]);
  return row ? toStatus(row) : null;
}

const viewCount = `(SELECT COUNT(*) FROM "StatusView" v WHERE v."statusId" = s."id") AS "viewCount"`;

export async function insertStatus(tx: Driver, s: NewStatus): Promise<void> {
  await tx.run(
    `INSERT INTO "Status" ("id", "clientId", "userId", "kind", "text", "background", "font", "fileId", "attachment", "encrypted", "createdAt", "expiresAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      s.id,
      s.clientId,
      s.userId,
      s.kind,
      s.text,
      s.background,
      s.font,
      s.file?.fileId ?? null,
      s.file ? JSON.stringify(s.file) : null,
      s.encrypted ? JSON.stringify(s.encrypted) : null,
      toDbTime(tx.dialect, s.createdAt),
      toDbTime(tx.dialect, s.expiresAt),
    ],
  );
}

/** A status that hasn't expired (null: none, or gone). */
export async function liveStatus(db: Driver, statusId: string, now: Date): Promise<Status | null> {
  const row = await db.get(`SELECT ${COLUMNS}, ${viewCount} FROM "Status" s WHERE s."id" = ? AND s."expiresAt" > ?`, [
    statusId,
    toDbTime(db.dialect, now),
  ]);
  return row ? toStatus(row) : null;
}

/** My own live statuses, oldest first, with how many saw each. */
export async function statusesOf(db: Driver, userId: string, now: Date): Promise<Status[]> {
  const rows = await db.all(
    `SELECT ${COLUMNS}, ${viewCount} FROM "Status" s WHERE s."userId" = ? AND s."expiresAt" > ? ORDER BY s."createdAt", s."id"`,
    [userId, toDbTime(db.dialect, now)],
  );
  return rows.map(toStatus);
}

/**
 * Live statuses of those who might show theirs to the viewer: their contacts (a one-to-one chat with them)
 * and those whose "Only share with..." list names them, oldest first, each with whether the viewer saw it.
 * The privacy rules then decide (seesStatus); this only narrows whom to ask about.
 */
export async function candidateStatuses(db: Driver, viewerId: string, now: Date): Promise<Status[]> {
  const rows = await db.all(
    `SELECT ${COLUMNS}, EXISTS (SELECT 1 FROM "StatusView" v WHERE v."statusId" = s."id" AND v."viewerId" = ?) AS "viewed" FROM "Status" s WHERE s."expiresAt" > ? AND s."userId" IN (SELECT o."userId" FROM "ConversationMember" w JOIN "Conversation" c ON c."id" = w."conversationId" AND c."kind" = 'direct' JOIN "ConversationMember" o ON o."conversationId" = w."conversationId" AND o."userId" <> w."userId" WHERE w."userId" = ? UNION SELECT a."userId" FROM "StatusAudience" a WHERE a."list" = 'only' AND a."memberId" = ?) ORDER BY s."createdAt", s."id"`,
    [viewerId, toDbTime(db.dialect, now), viewerId, viewerId],
  );
  return rows.map(toStatus);
}

/** Records a view once; returns when the viewer first saw it. */
export async function recordView(tx: Driver, statusId: string, viewerId: string, at: Date): Promise<{ viewedAt: string; first: boolean }> {
  const inserted = await tx.run(
    `INSERT INTO "StatusView" ("statusId", "viewerId", "viewedAt") VALUES (?, ?, ?) ON CONFLICT ("statusId", "viewerId") DO NOTHING`,
    [statusId, viewerId, toDbTime(tx.dialect, at)],
  );
  const row = await tx.get(`SELECT "viewedAt" FROM "StatusView" WHERE "statusId" = ? AND "viewerId" = ?`, [statusId, viewerId]);
  return { viewedAt: fromDbTime(row?.viewedAt) as string, first: inserted > 0 };
}

/** Who saw a status, latest first. */
export async function viewsOf(db: Driver, statusId: string): Promise<{ viewerId: string; viewedAt: string }[]> {
  const rows = await db.all(`SELECT "viewerId", "viewedAt" FROM "StatusView" WHERE "statusId" = ? ORDER BY "viewedAt" DESC, "viewerId"`, [
    statusId,
  ]);
  return rows.map((r) => ({ viewerId: r.viewerId as string, viewedAt: fromDbTime(r.viewedAt) as string }));
}

export interface RemovedStatus {
  id: string;
  userId: string;
  /** Who had seen it (they may hold it, even if the poster's audience changed since). */
  viewerIds: string[];
}

/**
 * Removes these statuses with their views, and the uploads they showed that no message or other status
 * carries; returns what went and the blobs whose bytes can now be deleted (after commit).
 */
export async function removeStatuses(tx: Driver, statusIds: string[]): Promise<{ removed: RemovedStatus[]; blobs: string[] }> {
  if (!statusIds.length) return { removed: [], blobs: [] };
  const ids = json(statusIds);
  const rows = await tx.all(`SELECT "id", "userId", "fileId" FROM "Status" WHERE "id" ${inJson(tx.dialect)}`, [ids]);
  const views = await tx.all<{ statusId: string; viewerId: string }>(
    `SELECT "statusId", "viewerId" FROM "StatusView" WHERE "statusId" ${inJson(tx.dialect)}`,
    [ids],
  );
  await tx.run(`DELETE FROM "StatusView" WHERE "statusId" ${inJson(tx.dialect)}`, [ids]);
  await tx.run(`DELETE FROM "Status" WHERE "id" ${inJson(tx.dialect)}`, [ids]);
  const blobs = await freeFiles(
    tx,
    rows.flatMap((r) => (r.fileId == null ? [] : [r.fileId as string])),
  );
  const removed = rows.map((r) => ({
    id: r.id as string,
    userId: r.userId as string,
    viewerIds: views.filter((v) => v.statusId === r.id).map((v) => v.viewerId),
  }));
  return { removed, blobs };
}

/** Up to `limit` statuses whose 24 hours are over, oldest first. */
export async function expiredStatusIds(db: Driver, now: Date, limit: number): Promise<string[]> {
  const rows = await db.all<{ id: string }>(`SELECT "id" FROM "Status" WHERE "expiresAt" <= ? ORDER BY "expiresAt" LIMIT ?`, [
    toDbTime(db.dialect, now),
    limit,
  ]);
  return rows.map((r) => r.id);
}

/** The posters of live statuses that show this upload. */
export async function statusOwnersShowing(db: Driver, fileId: string, now: Date): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(`SELECT DISTINCT "userId" FROM "Status" WHERE "fileId" = ? AND "expiresAt" > ?`, [
    fileId,
    toDbTime(db.dialect, now),
  ]);
  return rows.map((r) => r.userId);
}
