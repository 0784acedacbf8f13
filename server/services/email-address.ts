// A user's email address: added as pending, verified by following a single-use link sent to it, and
// only then used (password reset, sign-in alerts, digests). A verified address belongs to one account:
// unique case-insensitively through emailKey. Until a new address is verified, the old one stays in use.
import type { DigestHours, EmailSettings } from "../../lib/contracts/email";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { emailText, renderEmail } from "../mail/content";
import { consumeEmailToken, issueEmailToken, recentEmailTokens, usableEmailToken } from "./email-tokens";

const VERIFY_TTL_MS = 24 * 3_600_000;
/** Verification emails a user may cause per hour: each goes to an address they typed, maybe not theirs. */
const VERIFY_PER_HOUR = 5;

const SETTINGS_SELECT = { email: true, pendingEmail: true, digestHours: true } as const;

const toSettings = (u: { email: string | null; pendingEmail: string | null; digestHours: number | null }): EmailSettings => ({
  email: u.email,
  pendingEmail: u.pendingEmail,
  digestHours: u.digestHours as DigestHours | null,
});

export async function emailSettings(app: AppContext, userId: string): Promise<EmailSettings> {
  const user = await app.db.user.findUnique({ where: { id: userId }, select: SETTINGS_SELECT });
  if (!user) throw new AppError("not_found", { key: "errors.users.notFound" });
  return toSettings(user);
}

async function assertFree(app: AppContext, userId: string, emailKey: string): Promise<void> {
  const owner = await app.db.user.findUnique({ where: { emailKey }, select: { id: true } });
  if (owner && owner.id !== userId) throw new AppError("conflict", { key: "errors.email.inUse" }, { field: "email" });
}

async function sendVerification(app: AppContext, userId: string, email: string): Promise<void> {
  const { db, env, mailer } = app;
  if ((await recentEmailTokens(app, userId, "verify")) >= VERIFY_PER_HOUR) {
    throw new AppError("rate_limited", { key: "errors.email.tooManyVerifications" }, { retryAfter: 3600 });
  }
  // In the language of the account that added the address (User.locale).
  const locale = (await db.user.findUnique({ where: { id: userId }, select: { locale: true } }))?.locale ?? "en";
  const token = await issueEmailToken(app, userId, "verify", VERIFY_TTL_MS, email);
  const t = emailText(locale);
  mailer.send({
    kind: "verify-email",
    to: email,
    subject: t("verifyEmail.subject"),
    ...renderEmail(
      {
        greeting: t("greetingNoName"),
        lines: [t("verifyEmail.intro")],
        action: { label: t("verifyEmail.action"), url: `${env.appUrl}/verify-email?token=${token}` },
        footer: [t("verifyEmail.footer", { hours: VERIFY_TTL_MS / 3_600_000 })],
      },
      locale,
    ),
  });
}

/** Makes `email` the pending address and sends it a verification link (nothing to do if it's already the verified one). */
export async function setEmail(app: AppContext, userId: string, email: string): Promise<EmailSettings> {
  const { db } = app;
  const emailKey = email.toLowerCase();
  await assertFree(app, userId, emailKey);
  const current = await db.user.findUnique({ where: { id: userId }, select: { emailKey: true } });
  if (current?.emailKey === emailKey) {
    return toSettings(await db.user.update({ where: { id: userId }, data: { email, pendingEmail: null }, select: SETTINGS_SELECT }));
  }
  await sendVerification(app, userId, email);
  return toSettings(await db.user.update({ where: { id: userId }, data: { pendingEmail: email }, select: SETTINGS_SELECT }));
}

export async function resendVerification(app: AppContext, userId: string): Promise<EmailSettings> {
  const settings = await emailSettings(app, userId);
  if (!settings.pendingEmail) throw new AppError("conflict", { key: "errors.email.nothingPending" });
  await assertFree(app, userId, settings.pendingEmail.toLowerCase());
  await sendVerification(app, userId, settings.pendingEmail);
  return settings;
}

/** Removes both the verified and the pending address: no more emails of any kind. */
export async function removeEmail(app: AppContext, userId: string): Promise<EmailSettings> {
  const user = await app.db.user.update({
    where: { id: userId },
    data: { email: null, emailKey: null, pendingEmail: null },
    select: SETTINGS_SELECT,
  });
  return toSettings(user);
}

export async function setDigest(app: AppContext, userId: string, hours: DigestHours | null): Promise<EmailSettings> {
  const { db, now } = app;
  const user = await db.user.findUnique({ where: { id: userId }, select: { digestCoveredAt: true } });
  // Digests cover unread messages from the moment they are turned on, not the whole history; changing
  // the delay keeps what was covered.
  const digestCoveredAt = hours === null ? null : (user?.digestCoveredAt ?? now());
  return toSettings(
    await db.user.update({ where: { id: userId }, data: { digestHours: hours, digestCoveredAt }, select: SETTINGS_SELECT }),
  );
}

/**
 * Follows a verification link: the address it was sent to becomes the user's verified one. Links to an
 * address that is no longer pending (the user changed or removed it since) don't verify anything.
 */
export async function verifyEmail(app: AppContext, token: string): Promise<{ email: string }> {
  const { db } = app;
  const row = await usableEmailToken(app, token, "verify");
  const email = row.email ?? "";
  const user = await db.user.findUnique({ where: { id: row.userId }, select: { pendingEmail: true } });
  if (user?.pendingEmail?.toLowerCase() !== email.toLowerCase()) {
    throw new AppError("gone", { key: "errors.emailLinks.verify.noLongerPending" });
  }
  await assertFree(app, row.userId, email.toLowerCase());
  await consumeEmailToken(app, token, "verify");
  try {
    await db.user.update({ where: { id: row.userId }, data: { email, emailKey: email.toLowerCase(), pendingEmail: null } });
  } catch (error) {
    // Another account verified the same address in between: the unique index decides.
    if ((error as { code?: string }).code === "P2002") throw new AppError("conflict", { key: "errors.email.inUse" });
    throw error;
  }
  return { email };
}
