import { z } from "zod";
import { LOCALES } from "../i18n/locales";
import { text as localized, message } from "../i18n/text";
import { type KeyedText, label, text } from "./text";

/** What a username may be (the sign-up form's hint), in the page's language. */
export const usernameRule = () => localized("validation.auth.usernameRule");

export const usernameSchema = text(label("username"), { error: message("validation.auth.usernameRequired") })
  .trim()
  .regex(/^[A-Za-z0-9_]{3,32}$/, message("validation.auth.usernameInvalid"));

export const displayNameSchema = text(label("displayName"), { error: message("validation.auth.displayNameRequired") })
  .trim()
  .min(1, message("validation.auth.displayNameRequired"))
  .max(64, message("validation.auth.displayNameTooLong", { max: 64 }));

export const passwordSchema = z
  .string(message("validation.auth.passwordRequired"))
  .min(8, message("validation.auth.passwordTooShort", { min: 8 }))
  .max(256, message("validation.auth.passwordTooLong", { max: 256 }));

export const registerSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  /** The account's language (its emails are written in it): the sign-up page's; English by default. */
  locale: z.enum(LOCALES).optional(),
});
export type Register = z.infer<typeof registerSchema>;

export const credentialsSchema = z.object({
  username: text(label("username"), { error: message("validation.auth.usernameRequired") })
    .trim()
    .min(1, message("validation.auth.usernameRequired"))
    .max(64),
  password: z.string(message("validation.auth.passwordRequired")).min(1, message("validation.auth.passwordRequired")).max(256),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z
    .string(message("validation.auth.currentPasswordRequired"))
    .min(1, message("validation.auth.currentPasswordRequired"))
    .max(256),
  newPassword: passwordSchema,
});
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export interface PasswordChanged {
  /** How many other sessions (browsers, API tokens) were signed out. */
  signedOut: number;
}

export const WRONG_CURRENT_PASSWORD: KeyedText = { key: "validation.auth.currentPasswordWrong" };

export interface TokenResponse {
  token: string;
  expiresAt: string;
}

/** One generic message for every failed sign-in, so it never tells which half was wrong. */
export const INVALID_CREDENTIALS: KeyedText = { key: "validation.auth.invalidCredentials" };
export const USERNAME_TAKEN: KeyedText = { key: "validation.auth.usernameTaken" };
/** A server admin disabled the account (shown only to someone who gave the right password). */
export const ACCOUNT_DISABLED: KeyedText = { key: "validation.auth.accountDisabled" };
