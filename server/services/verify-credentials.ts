import { ACCOUNT_DISABLED, type Credentials, INVALID_CREDENTIALS } from "../../lib/contracts/auth";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "../auth/passwords";
import { refuseWhileLimited } from "../auth/rate-limit";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { isKnownDevice } from "./sign-in-alerts";

export interface SignInInput extends Credentials {
  ip: string;
  /** The request's device cookie (server/auth/device-cookie.ts), if it sent one. */
  device?: string | null;
}

/**
 * Checks credentials under the failed-attempt limits and returns the user's id. Every failure gets the
 * same message, whether the user exists or not.
 *
 * The limits can't be turned on the account's owner: a device this account signed in from before (its
 * device cookie) counts only its own failures (10 a minute). Any other device is counted per username
 * (10 a minute) and per client IP (50 a minute), and past either waits out the rest of that minute: a
 * guesser is slowed down to those rates, the owner's own devices keep signing in, and a new device waits
 * at most a minute.
 */
export async function verifyCredentials(app: AppContext, { username, password, ip, device }: SignInInput): Promise<string> {
  const { db, signInLimiter } = app;
  const usernameKey = username.toLowerCase();
  const user = await db.user.findUnique({
    where: { usernameKey },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  const keys: Record<string, string> =
    user && device && (await isKnownDevice(app, user.id, device)) ? { device: `${user.id}:${device}` } : { username: usernameKey, ip };
  await refuseWhileLimited(signInLimiter, keys, (wait) => ({ key: "errors.auth.tooManySignIns", values: { wait } }));
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
