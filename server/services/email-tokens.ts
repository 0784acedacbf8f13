// The single-use links sent by email. The token (32 random bytes) is only in the email; the database
// keeps its SHA-256, so a leaked database can't be used to reset passwords. A conditional UPDATE marks a
// token used, so of two clicks racing only one wins.
import { createHash, randomBytes } from "node:crypto";
import type { AppContext } from "../context";
import { AppError } from "../errors";

export type TokenPurpose = "verify" | "reset";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueEmailToken(
  app: AppContext,
  userId: string,
  purpose: TokenPurpose,
  ttlMs: number,
  email?: string,
): Promise<string> {
  const { db, now } = app;
  const token = randomBytes(32).toString("base64url");
  const createdAt = now();
  await db.emailToken.create({
    data: { tokenHash: hashToken(token), userId, purpose, email, createdAt, expiresAt: new Date(createdAt.getTime() + ttlMs) },
  });
  return token;
}

/** How many links of this purpose the user was sent in the last hour (each sends an email, so they are capped). */
export async function recentEmailTokens(app: AppContext, userId: string, purpose: TokenPurpose): Promise<number> {
  const { db, now } = app;
  return db.emailToken.count({ where: { userId, purpose, createdAt: { gt: new Date(now().getTime() - 3_600_000) } } });
}

const used = (purpose: TokenPurpose) => new AppError("gone", { key: `errors.emailLinks.${purpose}.used` });

/** The token's row if it can still be used; otherwise a 400 (no such link) or 410 (expired or used) saying which. */
export async function usableEmailToken(app: AppContext, token: string, purpose: TokenPurpose) {
  const { db, now } = app;
  const row = await db.emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose) throw new AppError("bad_request", { key: `errors.emailLinks.${purpose}.invalid` });
  if (row.usedAt) throw used(purpose);
  if (row.expiresAt <= now()) throw new AppError("gone", { key: `errors.emailLinks.${purpose}.expired` });
  return row;
}

/** Marks the token used, or throws as usableEmailToken does when it can't be used (any more). */
export async function consumeEmailToken(app: AppContext, token: string, purpose: TokenPurpose) {
  const { db, now } = app;
  const row = await usableEmailToken(app, token, purpose);
  const at = now();
  const { count } = await db.emailToken.updateMany({
    where: { tokenHash: row.tokenHash, usedAt: null, expiresAt: { gt: at } },
    data: { usedAt: at },
  });
  // Lost a race with another click (or the clock passed the expiry in between): say why.
  if (count === 0) {
    await usableEmailToken(app, token, purpose);
    throw used(purpose);
  }
  return row;
}

/** Links expired a day ago or more: nothing can use them, and the hourly cap only counts the last hour. */
export async function deleteExpiredEmailTokens(app: AppContext): Promise<number> {
  const { db, now } = app;
  const { count } = await db.emailToken.deleteMany({ where: { expiresAt: { lt: new Date(now().getTime() - 86_400_000) } } });
  return count;
}
