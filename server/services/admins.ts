// The admin role. The operator chooses the first admins deliberately: the accounts named in
// ADMIN_USERNAMES (when they sign up, and at every start), or whoever redeems the setup token printed in
// the log while the server has no admin. Then admins grant and revoke it, and at least one always remains.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { AccountState } from "../../lib/contracts/privacy";
import type { AdminChange } from "../../lib/contracts/users";
import { revokeSessions } from "../auth/sessions";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { truthy } from "../store/driver";

/**
 * The setup token: an HMAC of a fixed label under AUTH_SECRET, so every node of a deployment prints and
 * accepts the same one with nothing stored, and it is worth something only while there is no admin.
 */
const setupToken = (app: AppContext) => createHmac("sha256", app.env.authSecret).update("chatterbox admin setup token").digest("base64url");

/**
 * At start: makes the existing accounts of ADMIN_USERNAMES admins, and while the server has no admin,
 * prints the setup token that makes the first one. Returns whether an admin exists.
 */
export async function prepareAdmins(app: AppContext): Promise<boolean> {
  const { db, env, log } = app;
  if (env.adminUsernames.length) await db.user.updateMany({ where: { usernameKey: { in: env.adminUsernames } }, data: { isAdmin: true } });
  if (!(await adminSetupNeeded(app))) return true;
  log.warn(
    { setupToken: setupToken(app) },
    `This server has no admin yet. Sign up, then redeem the setup token once: POST ${env.appUrl}/api/v1/system/admin-setup {"token": "<setupToken>"} as that account (or set ADMIN_USERNAMES)`,
  );
  return false;
}

/** Whether the server still waits for its first admin (Settings › Security then offers the setup token form). */
export async function adminSetupNeeded(app: AppContext): Promise<boolean> {
  return !(await app.db.user.findFirst({ where: { isAdmin: true }, select: { id: true } }));
}

/** Makes the caller the server's first admin with the setup token; refused once any admin exists. */
export async function redeemSetupToken(app: AppContext, userId: string, token: string): Promise<AdminChange> {
  const { store } = app;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  // Hashes of equal length, compared in constant time: the answer's timing tells nothing about the token.
  if (!timingSafeEqual(digest(token), digest(setupToken(app))))
    throw new AppError("forbidden", { key: "errors.admin.badSetupToken" }, { field: "token" });
  // In the write queue, so two redemptions at once make one admin.
  return store.transact(async (tx) => {
    const promoted = await tx.run(
      `UPDATE "User" SET "isAdmin" = true WHERE "id" = ? AND NOT EXISTS (SELECT 1 FROM "User" WHERE "isAdmin")`,
      [userId],
    );
    if (!promoted) throw new AppError("conflict", { key: "errors.admin.alreadyHasAdmin" });
    return { userId, isAdmin: true };
  });
}

/** What only the server's admins may do: its message is errors.admin.only.<action> ("Only admins can ..."). */
export type AdminAction =
  | "makeAdmins"
  | "dismissAdmins"
  | "disableAccounts"
  | "enableAccounts"
  | "sendTestNotifications"
  | "sendTestEmails"
  | "seeMessageStats"
  | "reviewReports";

/** Throws 403 unless the user is an admin, saying that only admins can do `action`. */
export async function requireAdmin(app: AppContext, userId: string, action: AdminAction): Promise<void> {
  const user = await app.db.user.findUnique({ where: { id: userId }, select: { isAdmin: true } });
  if (!user?.isAdmin) throw new AppError("forbidden", { key: `errors.admin.only.${action}` });
}

export async function setAdmin(app: AppContext, actorId: string, userId: string, isAdmin: boolean): Promise<AdminChange> {
  const { store } = app;
  await requireAdmin(app, actorId, isAdmin ? "makeAdmins" : "dismissAdmins");
  // In the write queue, so two admins dismissing each other at once can't leave none.
  return store.transact(async (tx) => {
    const target = await tx.get<{ isAdmin: unknown }>(`SELECT "isAdmin" FROM "User" WHERE "id" = ?`, [userId]);
    if (!target) throw new AppError("not_found", { key: "errors.users.notFound" });
    if (!isAdmin && truthy(target.isAdmin)) {
      const admins = await tx.get<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "User" WHERE "isAdmin"`);
      if (Number(admins?.n) === 1) throw new AppError("conflict", { key: "errors.admin.lastAdmin" });
    }
    // A literal, not a parameter: better-sqlite3 binds no booleans, and both dialects read true/false.
    await tx.run(`UPDATE "User" SET "isAdmin" = ${isAdmin ? "true" : "false"} WHERE "id" = ?`, [userId]);
    return { userId, isAdmin };
  });
}

/**
 * Disables an account (it can't sign in, and every session of it is signed out at once, sockets too) or
 * enables it again. Admins can't be disabled: dismiss them first. Disabling resolves the reports about it.
 */
export async function setDisabled(app: AppContext, actorId: string, userId: string, disabled: boolean): Promise<AccountState> {
  const { db, now } = app;
  await requireAdmin(app, actorId, disabled ? "disableAccounts" : "enableAccounts");
  const target = await db.user.findUnique({ where: { id: userId }, select: { isAdmin: true } });
  if (!target) throw new AppError("not_found", { key: "errors.users.notFound" });
  if (disabled && target.isAdmin) throw new AppError("conflict", { key: "errors.admin.cantDisableAdmin" });
  await db.user.update({ where: { id: userId }, data: { disabledAt: disabled ? now() : null } });
  if (disabled) {
    await revokeSessions(app, { userId });
    await db.report.updateMany({ where: { targetUserId: userId, resolvedAt: null }, data: { resolvedAt: now() } });
  }
  return { userId, disabled };
}
