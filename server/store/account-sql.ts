// Account reads on hot paths (every socket connection, every sync), on the driver: through Prisma each
// costs about a millisecond of CPU, which a reconnect storm multiplies by thousands. The tables belong
// to prisma/schema.prisma like every other; accounts are still written through Prisma.
import type { ActiveSession } from "../auth/sessions";
import { type Driver, fromDbTime, inJson, json, toDbTime } from "./driver";

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  about: string;
  avatarKey: string | null;
}

async function liveSession(db: Driver, where: string, value: string): Promise<ActiveSession | null> {
  const row = await db.get<{ id: string; userId: string; expiresAt: unknown }>(
    `SELECT "id", "userId", "expiresAt" FROM "Session" WHERE "${where}" = ?`,
    [value],
  );
  if (!row || new Date(fromDbTime(row.expiresAt) as string) <= new Date()) return null;
  return { sessionId: row.id, userId: row.userId };
}

export const sessionById = (db: Driver, id: string) => liveSession(db, "id", id);
export const sessionByTokenHash = (db: Driver, tokenHash: string) => liveSession(db, "tokenHash", tokenHash);

/** A user's public columns, on the table aliased `u`. */
export const USER_COLUMNS = `u."id", u."username", u."displayName", u."about", u."avatarKey"`;

/** The rows of those of these users who exist, in no particular order. */
export const userRows = async (db: Driver, ids: string[]) =>
  ids.length ? db.all<UserRow>(`SELECT ${USER_COLUMNS} FROM "User" u WHERE u."id" ${inJson(db.dialect)}`, [json(ids)]) : [];

/** A user's public columns and whether they are an admin (GET /users/me, asked by every app as it opens). */
export async function meRow(db: Driver, userId: string): Promise<(UserRow & { isAdmin: boolean }) | null> {
  const row = await db.get<UserRow & { isAdmin: unknown }>(`SELECT ${USER_COLUMNS}, u."isAdmin" FROM "User" u WHERE u."id" = ?`, [userId]);
  return row ? { ...row, isAdmin: Boolean(row.isAdmin) } : null;
}

export async function lastSeenAt(db: Driver, userId: string): Promise<string | null> {
  const row = await db.get<{ lastSeenAt: unknown }>(`SELECT "lastSeenAt" FROM "User" WHERE "id" = ?`, [userId]);
  return fromDbTime(row?.lastSeenAt);
}

export async function recordLastSeen(tx: Driver, userId: string, at: Date): Promise<void> {
  await tx.run(`UPDATE "User" SET "lastSeenAt" = ? WHERE "id" = ?`, [toDbTime(tx.dialect, at), userId]);
}
