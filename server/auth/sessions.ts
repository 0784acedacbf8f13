// Server-side session records: every request and socket connection is checked against them, so
// deleting a row signs that device out at once.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { AppContext } from "../context";
import { sessionById, sessionByTokenHash } from "../store/account-sql";

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

/** Deletes the given session, or all of a user's (but `except`), and disconnects their sockets. */
export async function revokeSessions(app: AppContext, where: { sessionId: string } | { userId: string; except?: string }): Promise<number> {
  const { db, publisher } = app;
  const filter =
    "sessionId" in where ? { id: where.sessionId } : { userId: where.userId, ...(where.except ? { id: { not: where.except } } : {}) };
  const rows = await db.session.findMany({ where: filter, select: { id: true } });
  await db.session.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  publisher.sessionsRevoked(rows.map((r) => r.id));
  return rows.length;
}

/** Expired sessions can't be used (every check compares expiresAt); this just keeps the table small. */
export async function deleteExpiredSessions(app: AppContext): Promise<number> {
  const { count } = await app.db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}
