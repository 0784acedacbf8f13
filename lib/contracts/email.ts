// Email (issue 10): the user's address and its verification, the unread digest, password reset, and
// the admins' test email. Server: server/services/email-*.ts, password-reset.ts, sign-in-alerts.ts.
import { z } from "zod";
import { englishText, message } from "../i18n/text";
import { passwordSchema } from "./auth";
import { label, text } from "./text";

export const emailAddressSchema = text(label("emailAddress"), { error: message("validation.email.addressRequired") })
  .trim()
  .min(1, message("validation.email.addressRequired"))
  .max(254, message("validation.email.addressTooLong", { max: 254 }))
  .pipe(z.email(message("validation.email.addressInvalid")));

export const setEmailSchema = z.object({ email: emailAddressSchema });
export type SetEmail = z.infer<typeof setEmailSchema>;

/** After how many hours unread messages are emailed as a digest (null: never, the default). */
export const DIGEST_HOURS = [1, 4, 8, 24] as const;
export type DigestHours = (typeof DIGEST_HOURS)[number];

export const setDigestSchema = z.object({
  hours: z.union(
    [...DIGEST_HOURS.map((h) => z.literal(h)), z.null()],
    message("validation.email.digestHours", { values: DIGEST_HOURS.join(", ") }),
  ),
});
export type SetDigest = z.infer<typeof setDigestSchema>;

export interface EmailSettings {
  /** The verified address (password reset, sign-in alerts and digests go here), or null. */
  email: string | null;
  /** An address waiting for its verification link to be followed, or null. */
  pendingEmail: string | null;
  digestHours: DigestHours | null;
}

export const passwordResetRequestSchema = z.object({
  login: text(label("login"), { error: message("validation.email.loginRequired") })
    .trim()
    .min(1, message("validation.email.loginRequired"))
    .max(254, message("validation.email.loginTooLong")),
});
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetSchema = z.object({
  token: text(label("resetLink"), { error: message("validation.email.resetLinkIncomplete") })
    .min(1, message("validation.email.resetLinkIncomplete"))
    .max(128),
  password: passwordSchema,
});
export type PasswordReset = z.infer<typeof passwordResetSchema>;

/**
 * The one answer to every reset request that isn't rate limited, whether or not the account exists or
 * has a verified address: nobody can find out which accounts exist by asking. In English: the server's
 * answer (apps show `validation.email.resetRequested` in their reader's language).
 */
export const RESET_REQUESTED = englishText("validation.email.resetRequested");

export const adminEmailSchema = z.object({
  userId: text("userId", { error: message("validation.field.required", { field: "userId" }) }).min(
    1,
    message("validation.field.required", { field: "userId" }),
  ),
  subject: text("subject")
    .trim()
    .min(1)
    .max(200, message("validation.field.mustBeAtMostChars", { field: "subject", max: 200 }))
    .optional(),
  text: text("text", { multiline: true })
    .trim()
    .min(1)
    .max(5000, message("validation.field.mustBeAtMostChars", { field: "text", max: 5000 }))
    .optional(),
});
export type AdminEmail = z.infer<typeof adminEmailSchema>;
