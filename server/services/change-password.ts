// A signed-in user changes their password: the current one proves it's them (under the same limits as
// failed sign-ins), the new one follows the sign-up rules, and every other session is signed out, so
// whoever knew the old password is out while this device stays signed in.
import { type ChangePassword, type PasswordChanged, WRONG_CURRENT_PASSWORD } from "../../lib/contracts/auth";
import { requireUncommonPassword } from "../auth/common-passwords";
import { hashPassword, verifyPassword } from "../auth/passwords";
import { refuseWhileLimited } from "../auth/rate-limit";
import { revokeSessions } from "../auth/sessions";
import type { AppContext } from "../context";
import { AppError } from "../errors";

export interface ChangePasswordInput extends ChangePassword {
  userId: string;
  /** The caller's session, which stays signed in. */
  sessionId: string;
  ip: string;
}

export async function changePassword(
  app: AppContext,
  { userId, sessionId, ip, currentPassword, newPassword }: ChangePasswordInput,
): Promise<PasswordChanged> {
  const { db, passwordChangeLimiter } = app;
  const keys = { user: userId, ip };
  await refuseWhileLimited(passwordChangeLimiter, keys, (wait) => ({ key: "errors.auth.tooManyWrongPasswords", values: { wait } }));
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("not_found", { key: "errors.users.notFound" });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await passwordChangeLimiter.record(keys);
    throw new AppError("forbidden", WRONG_CURRENT_PASSWORD, { field: "currentPassword" });
  }
  if (newPassword === currentPassword) throw new AppError("bad_request", { key: "errors.auth.samePassword" }, { field: "newPassword" });
  requireUncommonPassword(newPassword, "newPassword");
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
  return { signedOut: await revokeSessions(app, { userId, except: sessionId }) };
}
