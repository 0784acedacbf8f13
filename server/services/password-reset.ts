// Password reset by email. A request answers the same whatever the login (see RESET_REQUESTED): the
// account is looked up, and the link sent, after the answer, so neither the reply nor its timing tells
// whether the account exists. Only a verified address gets the link, and never for a disabled account.
import type { PasswordReset } from "../../lib/contracts/email";
import { requireUncommonPassword } from "../auth/common-passwords";
import { hashPassword } from "../auth/passwords";
import { refuseWhileLimited } from "../auth/rate-limit";
import { revokeSessions } from "../auth/sessions";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { emailText, renderEmail } from "../mail/content";
import { consumeEmailToken, issueEmailToken, recentEmailTokens } from "./email-tokens";

export const RESET_TTL_MS = 30 * 60_000;
/** Reset emails one account gets per hour, however many addresses ask: its owner's inbox isn't a target. */
const RESETS_PER_HOUR = 5;

/** Checks the limits (per client IP and per login), then sends the link in the background. */
export async function requestPasswordReset(app: AppContext, login: string, ip: string): Promise<void> {
  const { passwordResetLimiter, log } = app;
  const keys = { login: login.toLowerCase(), ip };
  await refuseWhileLimited(passwordResetLimiter, keys, (wait) => ({
    key: "errors.auth.tooManyResets",
    values: { minutes: Math.ceil(wait / 60) },
  }));
  await passwordResetLimiter.record(keys);
  void sendResetLink(app, keys.login).catch((err) => log.error({ err }, "password reset link not sent"));
}

async function sendResetLink(app: AppContext, loginKey: string): Promise<void> {
  const { db, env, mailer, log } = app;
  const user = await db.user.findUnique({
    where: loginKey.includes("@") ? { emailKey: loginKey } : { usernameKey: loginKey },
    select: { id: true, username: true, email: true, disabledAt: true, locale: true },
  });
  if (!user?.email || user.disabledAt) return;
  if ((await recentEmailTokens(app, user.id, "reset")) >= RESETS_PER_HOUR) {
    log.warn({ userId: user.id }, "password reset link not sent: hourly limit of the account reached");
    return;
  }
  const token = await issueEmailToken(app, user.id, "reset", RESET_TTL_MS);
  // In the user's language (User.locale).
  const t = emailText(user.locale);
  mailer.send({
    kind: "password-reset",
    to: user.email,
    subject: t("passwordReset.subject"),
    ...renderEmail(
      {
        greeting: t("greeting", { username: user.username }),
        lines: [t("passwordReset.intro")],
        action: { label: t("passwordReset.action"), url: `${env.appUrl}/reset-password?token=${token}` },
        footer: [t("passwordReset.expiry", { minutes: RESET_TTL_MS / 60_000 }), t("passwordReset.notYou")],
      },
      user.locale,
    ),
  });
}

/**
 * Sets the new password from a reset link: the link is used up, every other reset link of the user stops
 * working, and every session (sockets too) is signed out, so whoever knew the old password is out.
 */
export async function resetPassword(app: AppContext, { token, password }: PasswordReset): Promise<void> {
  const { db, now } = app;
  // Before the link is used up, so a refused password can be replaced with the same link.
  requireUncommonPassword(password, "password");
  const row = await consumeEmailToken(app, token, "reset");
  const user = await db.user.findUnique({ where: { id: row.userId }, select: { disabledAt: true } });
  if (!user || user.disabledAt) throw new AppError("gone", { key: "errors.emailLinks.reset.accountDisabled" });
  await db.user.update({ where: { id: row.userId }, data: { passwordHash: await hashPassword(password) } });
  await db.emailToken.updateMany({ where: { userId: row.userId, purpose: "reset", usedAt: null }, data: { usedAt: now() } });
  await revokeSessions(app, { userId: row.userId });
}
