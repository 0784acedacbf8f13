// The admin role: the first account has it (see register-user.ts), admins grant and revoke it, and at
// least one admin always remains.
import type { AccountState } from "../../lib/contracts/privacy";
import type { AdminChange } from "../../lib/contracts/users";
import { revokeSessions } from "../auth/sessions";
import { ctx } from "../context";
import { AppError } from "../errors";
import { truthy } from "../store/driver";

/** Throws 403 unless the user is an admin; `what` completes "Only admins can ...". */
export async function requireAdmin(userId: string, what: string): Promise<void> {
  const user = await ctx().db.user.findUnique({ where: { id: userId }, select: { isAdmin: true } });
  if (!user?.isAdmin) throw new AppError("forbidden", `Only admins can ${what}`);
}

export async function setAdmin(actorId: string, userId: string, isAdmin: boolean): Promise<AdminChange> {
  const { store } = ctx();
  await requireAdmin(actorId, isAdmin ? "make others admins" : "dismiss admins");
  // In the write queue, so two admins dismissing each other at once can't leave none.
  return store.transact(async (tx) => {
    const target = await tx.get<{ isAdmin: unknown }>(`SELECT "isAdmin" FROM "User" WHERE "id" = ?`, [userId]);
    if (!target) throw new AppError("not_found", "User not found");
    if (!isAdmin && truthy(target.isAdmin)) {
      const admins = await tx.get<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "User" WHERE "isAdmin"`);
      if (Number(admins?.n) === 1) throw new AppError("conflict", "At least one admin must remain: make someone else an admin first");
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
export async function setDisabled(actorId: string, userId: string, disabled: boolean): Promise<AccountState> {
  const { db, now } = ctx();
  await requireAdmin(actorId, disabled ? "disable accounts" : "enable accounts");
  const target = await db.user.findUnique({ where: { id: userId }, select: { isAdmin: true } });
  if (!target) throw new AppError("not_found", "User not found");
  if (disabled && target.isAdmin) throw new AppError("conflict", "Admins can't be disabled: dismiss them as admin first");
  await db.user.update({ where: { id: userId }, data: { disabledAt: disabled ? now() : null } });
  if (disabled) {
    await revokeSessions({ userId });
    await db.report.updateMany({ where: { targetUserId: userId, resolvedAt: null }, data: { resolvedAt: now() } });
  }
  return { userId, disabled };
}
