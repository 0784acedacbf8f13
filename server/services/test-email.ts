// Admins check the email setup by sending a user (themselves, typically) a test email.
import type { AdminEmail } from "../../lib/contracts/email";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { emailText, renderEmail } from "../mail/content";
import { requireAdmin } from "./admins";

export async function sendTestEmail(
  app: AppContext,
  actorId: string,
  { userId, subject, text }: AdminEmail,
): Promise<{ userId: string; queued: true }> {
  const { db, env, mailer } = app;
  await requireAdmin(app, actorId, "sendTestEmails");
  const user = await db.user.findUnique({ where: { id: userId }, select: { username: true, email: true, locale: true } });
  if (!user) throw new AppError("not_found", { key: "errors.users.notFound" }, { field: "userId" });
  if (!user.email) throw new AppError("unprocessable", { key: "errors.admin.noVerifiedEmail" }, { field: "userId" });
  // In the user's language (User.locale); an admin's own subject and text go as they wrote them.
  const t = emailText(user.locale);
  mailer.send({
    kind: "test",
    to: user.email,
    subject: subject ?? t("test.subject"),
    ...renderEmail(
      {
        greeting: t("greeting", { username: user.username }),
        lines: [text ?? t("test.text")],
        action: { label: t("openChatterbox"), url: env.appUrl },
      },
      user.locale,
    ),
  });
  return { userId, queued: true };
}
