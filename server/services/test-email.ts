// Admins check the email setup by sending a user (themselves, typically) a test email.
import type { AdminEmail } from "../../lib/contracts/email";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { renderEmail } from "../mail/content";
import { requireAdmin } from "./admins";

export async function sendTestEmail(
  app: AppContext,
  actorId: string,
  { userId, subject, text }: AdminEmail,
): Promise<{ userId: string; queued: true }> {
  const { db, env, mailer } = app;
  await requireAdmin(app, actorId, "sendTestEmails");
  const user = await db.user.findUnique({ where: { id: userId }, select: { username: true, email: true } });
  if (!user) throw new AppError("not_found", { key: "errors.users.notFound" }, { field: "userId" });
  if (!user.email) throw new AppError("unprocessable", { key: "errors.admin.noVerifiedEmail" }, { field: "userId" });
  mailer.send({
    kind: "test",
    to: user.email,
    subject: subject ?? "Chatterbox test email",
    ...renderEmail({
      greeting: `Hello ${user.username},`,
      lines: [text ?? "This is a test email from your Chatterbox server's admins: email works."],
      action: { label: "Open Chatterbox", url: env.appUrl },
    }),
  });
  return { userId, queued: true };
}
