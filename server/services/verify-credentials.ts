import { ACCOUNT_DISABLED, type Credentials, INVALID_CREDENTIALS } from "../../lib/contracts/auth";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "../auth/passwords";
import { ctx } from "../context";
import { AppError } from "../errors";

export interface SignInInput extends Credentials {
  ip: string;
}

/**
 * Checks credentials under the failed-attempt limits (10 a minute per username, 50 per IP) and returns
 * the user's id. Every failure gets the same message, whether the user exists or not.
 */
export async function verifyCredentials({ username, password, ip }: SignInInput): Promise<string> {
  const { db, signInLimiter } = ctx();
  const keys = { username: username.toLowerCase(), ip };
  const wait = await signInLimiter.retryAfter(keys);
  if (wait > 0) {
    throw new AppError("rate_limited", `Too many failed sign-ins. Try again in ${wait} seconds.`, { retryAfter: wait });
  }
  const user = await db.user.findUnique({
    where: { usernameKey: keys.username },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    await signInLimiter.record(keys);
    throw new AppError("unauthorized", INVALID_CREDENTIALS);
  }
  // Only once the password is right, so the message tells nothing to someone guessing.
  if (user.disabledAt) throw new AppError("forbidden", ACCOUNT_DISABLED);
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return user.id;
}
