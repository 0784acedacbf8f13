import { randomUUID } from "node:crypto";
import { type Register, USERNAME_TAKEN } from "../../lib/contracts/auth";
import { requireUncommonPassword } from "../auth/common-passwords";
import { hashPassword } from "../auth/passwords";
import { refuseWhileLimited } from "../auth/rate-limit";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { searchKeyOf } from "./public-user";

export async function registerUser(
  app: AppContext,
  { username, displayName, password, locale }: Register,
  ip: string,
): Promise<{ userId: string }> {
  const { db, env, signUpLimiter } = app;
  await refuseWhileLimited(signUpLimiter, { ip }, (wait) => ({ key: "errors.auth.tooManySignUps", values: { wait } }));
  await signUpLimiter.record({ ip });
  requireUncommonPassword(password, "password");
  const usernameKey = username.toLowerCase();
  const taken = () => new AppError("conflict", USERNAME_TAKEN, { field: "username" });
  if (await db.user.findUnique({ where: { usernameKey }, select: { id: true } })) throw taken();
  const userId = randomUUID();
  try {
    await db.user.create({
      data: {
        id: userId,
        username,
        usernameKey,
        displayName,
        locale,
        searchKey: searchKeyOf(username, displayName),
        passwordHash: await hashPassword(password),
        // Admins are chosen by the operator (ADMIN_USERNAMES, or the setup token: services/admins.ts), never by who signs up first.
        isAdmin: env.adminUsernames.includes(usernameKey),
      },
    });
  } catch (error) {
    // Two sign-ups racing for one name: the unique index decides.
    if ((error as { code?: string }).code === "P2002") throw taken();
    throw error;
  }
  return { userId };
}
