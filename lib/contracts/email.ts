// Email (issue 10): the user's address and its verification, the unread digest, password reset, and
// the admins' test email. Server: server/services/email-*.ts, password-reset.ts, sign-in-alerts.ts.
import { z } from "zod";
import { passwordSchema } from "./auth";
import { text } from "./text";

export const emailAddressSchema = text("Email address", { error: "Email address is required" })
  .trim()
  .min(1, { error: "Email address is required" })
  .max(254, { error: "Email address must be at most 254 characters" })
  .pipe(z.email({ error: "Enter a valid email address, like ana@example.com" }));

export const setEmailSchema = z.object({ email: emailAddressSchema });
export type SetEmail = z.infer<typeof setEmailSchema>;

/** After how many hours unread messages are emailed as a digest (null: never, the default). */
export const DIGEST_HOURS = [1, 4, 8, 24] as const;
export type DigestHours = (typeof DIGEST_HOURS)[number];

export const setDigestSchema = z.object({
  hours: z.union([...DIGEST_HOURS.map((h) => z.literal(h)), z.null()], { error: "hours must be 1, 4, 8, 24 or null (off)" }),
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
  login: text("Username or email address", { error: "Enter your username or email address" })
    .trim()
    .min(1, { error: "Enter your username or email address" })
    .max(254, { error: "That is too long for a username or email address" }),
});
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetSchema = z.object({
  token: text("The reset link", { error: "The reset link is incomplete" }).min(1, { error: "The reset link is incomplete" }).max(128),
  password: passwordSchema,
});
export type PasswordReset = z.infer<typeof passwordResetSchema>;

/**
 * The one answer to every reset request that isn't rate limited, whether or not the account exists or
 * has a verified address: nobody can find out which accounts exist by asking.
 */
export const RESET_REQUESTED =
  "If that account exists and has a verified email address, we've sent it a link to reset the password. The link works once, within 30 minutes.";

export const adminEmailSchema = z.object({
  userId: text("userId", { error: "userId is required" }).min(1, { error: "userId is required" }),
  subject: text("subject").trim().min(1).max(200, { error: "subject must be at most 200 characters" }).optional(),
  text: text("text", { multiline: true }).trim().min(1).max(5000, { error: "text must be at most 5000 characters" }).optional(),
});
export type AdminEmail = z.infer<typeof adminEmailSchema>;
