import { z } from "zod";
import { text } from "./text";

export const USERNAME_RULE = "3-32 characters: letters, digits or underscores";

export const usernameSchema = text("Username", { error: "Username is required" })
  .trim()
  .regex(/^[A-Za-z0-9_]{3,32}$/, { error: `Username must be ${USERNAME_RULE}` });

export const displayNameSchema = text("Display name", { error: "Display name is required" })
  .trim()
  .min(1, { error: "Display name is required" })
  .max(64, { error: "Display name must be at most 64 characters" });

export const passwordSchema = z
  .string({ error: "Password is required" })
  .min(8, { error: "Password must be at least 8 characters" })
  .max(256, { error: "Password must be at most 256 characters" });

export const registerSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});
export type Register = z.infer<typeof registerSchema>;

export const credentialsSchema = z.object({
  username: text("Username", { error: "Username is required" }).trim().min(1, { error: "Username is required" }).max(64),
  password: z.string({ error: "Password is required" }).min(1, { error: "Password is required" }).max(256),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Current password is required" }).min(1, { error: "Current password is required" }).max(256),
  newPassword: passwordSchema,
});
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export interface PasswordChanged {
  /** How many other sessions (browsers, API tokens) were signed out. */
  signedOut: number;
}

export const WRONG_CURRENT_PASSWORD = "Your current password is wrong";

export interface TokenResponse {
  token: string;
  expiresAt: string;
}

/** One generic message for every failed sign-in, so it never tells which half was wrong. */
export const INVALID_CREDENTIALS = "Wrong username or password";
export const USERNAME_TAKEN = "Username is taken";
/** A server admin disabled the account (shown only to someone who gave the right password). */
export const ACCOUNT_DISABLED = "This account has been disabled by the server's admins";
