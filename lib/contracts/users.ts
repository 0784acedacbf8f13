import { z } from "zod";
import { message } from "../i18n/text";
import { displayNameSchema } from "./auth";
import type * as out from "./outputs";
import { type KeyedText, label, text } from "./text";

export const ABOUT_MAX = 140;
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_SIZE = 256;

/** Which picture it is: a user's avatar or a group's icon (the app names it by `imageTooLarge.<id>` of system.media). */
export type ImageLabel = "avatar" | "groupIcon";
/** The server's error for a picture over AVATAR_MAX_BYTES: "Avatar images must be at most 5 MB". */
export const imageTooLarge = (image: ImageLabel): KeyedText => ({
  key: image === "avatar" ? "validation.users.avatarTooLarge" : "validation.users.groupIconTooLarge",
  values: { mb: AVATAR_MAX_BYTES / (1024 * 1024) },
});

/** What anyone may see of a user. */
export type PublicUser = z.infer<typeof out.publicUserSchema>;

/** The signed-in user's own profile (GET /api/v1/users/me). */
export interface Me extends PublicUser {
  /** Admins see server statistics and can make others admins. */
  isAdmin: boolean;
}

/** The answer of PUT / DELETE /api/v1/users/:id/admin. */
export interface AdminChange {
  userId: string;
  isAdmin: boolean;
}

export const updateProfileSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    about: text(label("about"), { multiline: true })
      .trim()
      .max(ABOUT_MAX, message("validation.users.aboutTooLong", { max: ABOUT_MAX }))
      .optional(),
  })
  .strict();
export type UpdateProfile = z.infer<typeof updateProfileSchema>;

export const findUsersSchema = z.object({
  query: text(label("searchText"))
    .trim()
    .max(64, message("validation.users.searchTooLong", { max: 64 }))
    .default(""),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type FindUsers = z.infer<typeof findUsersSchema>;

export function avatarUrl(userId: string, avatarKey: string | null): string | null {
  return avatarKey ? `/api/v1/users/${userId}/avatar?v=${avatarKey}` : null;
}
