// Server-side session records: every request and socket connection is checked against them, so
// deleting a row signs that device out at once.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { AppContext } from "../context";
import { forgetDevices } from "../services/device-keys";
import { sessionById, sessionByTokenHash } from "../store/account-sql";
import { inJson, json } from "../store/driver";

export type SessionKind = "web" | "api";

export interface ActiveSession {
  sessionId: string;
  userId: string;
}

const TOKEN_PREFIX = "cbx_";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function insertSession(
  app: AppContext,
  userId: string,
  kind: SessionKind,
  userAgent: string | null | undefined,
  tokenHash: string | null,
) {
  const { db, env } = app;
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + env.sessionMaxAgeSeconds * 1000);
  await db.session.create({ data: { id, userId, kind, tokenHash, userAgent: userAgent?.slice(0, 256) ?? null, expiresAt } });
  return { sessionId: id, expiresAt };
}

/** A browser session; its id travels inside the next-auth JWT cookie. */
export const createWebSession = (app: AppContext, userId: string, userAgent?: string | null) =>
  insertSession(app, userId, "web", userAgent, null);

/** An API token for non-browser clients; only its hash is stored, so it is shown once. */
export async function createApiToken(app: AppContext, userId: string, userAgent?: string | null) {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, ...(await insertSession(app, userId, "api", userAgent, hashToken(token))) };
}

// Checked on every request and socket connection, so read on the driver (see server/store/account-sql.ts).
export const findSession = (app: AppContext, sessionId: string): Promise<ActiveSession | null> => sessionById(app.store.reader, sessionId);

export async function findSessionByToken(app: AppContext, token: string): Promise<ActiveSession | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  return sessionByTokenHash(app.store.reader, hashToken(token));
}

/**
 * Deletes sessions, and with them their encryption devices (in the same transaction, which also adds
 * their users to the feed of device list changes); their sockets are disconnected and the users' peers
 * told that the devices are gone.
 */
async function deleteSessions(app: AppContext, sessionIds: string[]): Promise<void> {
  if (!sessionIds.length) return;
  const changed = await app.store.transact(async (tx) => {
    const users = await forgetDevices(tx, sessionIds);
    await tx.run(`DELETE FROM "Session" WHERE "id" ${inJson(tx.dialect)}`, [json(sessionIds)]);
    return users;
  });
  app.publisher.sessionsRevoked(sessionIds);
  await Promise.all(changed.map((userId) => app.publisher.devicesChanged(userId)));
}

/** Deletes the given session, or all of a user's (but `except`), and disconnects their sockets. */
export async function revokeSessions(app: AppContext, where: { sessionId: string } | { userId: string; except?: string }): Promise<number> {
  const filter =
    "sessionId" in where ? { id: where.sessionId } : { userId: where.userId, ...(where.except ? { id: { not: where.except } } : {}) };
  const rows = await app.db.session.findMany({ where: filter, select: { id: true } });
  await deleteSessions(
    app,
    rows.map((r) => r.id),
  );
  return rows.length;
}

/** Expired sessions can't be used (every check compares expiresAt); this just keeps the table small. */
export async function deleteExpiredSessions(app: AppContext): Promise<number> {
  const rows = await app.db.session.findMany({ where: { expiresAt: { lt: new Date() } }, select: { id: true } });
  await deleteSessions(
    app,
    rows.map((r) => r.id),
  );
  return rows.length;
}
