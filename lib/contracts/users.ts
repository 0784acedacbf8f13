import { z } from "zod";
import { displayNameSchema } from "./auth";
import type * as out from "./outputs";
import { text } from "./text";

export const ABOUT_MAX = 140;
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_SIZE = 256;

/** Which picture it is: a user's avatar or a group's icon (the app names it by `imageTooLarge.<id>` of system.media). */
export type ImageLabel = "avatar" | "groupIcon";
/** What the server calls each picture in its (English) error messages. */
const IMAGE_NAMES: Record<ImageLabel, string> = { avatar: "Avatar", groupIcon: "Group icon" };
/** The server's error for a picture over AVATAR_MAX_BYTES: "Avatar images must be at most 5 MB". */
export const imageTooLarge = (label: ImageLabel) => `${IMAGE_NAMES[label]} images must be at most 5 MB`;

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
    about: text("About", { multiline: true })
      .trim()
      .max(ABOUT_MAX, { error: `About must be at most ${ABOUT_MAX} characters` })
      .optional(),
  })
  .strict();
export type UpdateProfile = z.infer<typeof updateProfileSchema>;

export const findUsersSchema = z.object({
  query: text("Search text").trim().max(64, { error: "Search text must be at most 64 characters" }).default(""),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type FindUsers = z.infer<typeof findUsersSchema>;

export function avatarUrl(userId: string, avatarKey: string | null): string | null {
  return avatarKey ? `/api/v1/users/${userId}/avatar?v=${avatarKey}` : null;
}
