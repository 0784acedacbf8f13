import type { PublicUser } from "../../lib/contracts/users";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { newImageKey, toAvatarImage } from "./avatar-image";
import { relations, seesProfile } from "./privacy";
import { publicUserSelect, toPublicUser } from "./public-user";

/** Stores a new avatar, made by the shared image pipeline (see avatar-image.ts). */
export async function setAvatar(app: AppContext, userId: string, bytes: Buffer): Promise<PublicUser> {
  const data = await toAvatarImage(bytes, "avatar");
  const { db, publisher } = app;
  const [, user] = await db.$transaction([
    db.avatar.upsert({ where: { userId }, create: { userId, data }, update: { data } }),
    db.user.update({ where: { id: userId }, data: { avatarKey: newImageKey() }, select: publicUserSelect }),
  ]);
  await publisher.userUpdated(userId);
  return toPublicUser(user);
}

export async function removeAvatar(app: AppContext, userId: string): Promise<PublicUser> {
  const { db, publisher } = app;
  await db.avatar.deleteMany({ where: { userId } });
  const user = await db.user.update({ where: { id: userId }, data: { avatarKey: null }, select: publicUserSelect });
  await publisher.userUpdated(userId);
  return toPublicUser(user);
}

/** The avatar, to a viewer the user's privacy settings let see it (to anyone else it doesn't exist). */
export async function getAvatar(app: AppContext, userId: string, viewerId: string): Promise<{ data: Uint8Array; key: string }> {
  const row = await app.db.avatar.findUnique({ where: { userId }, select: { data: true, user: { select: { avatarKey: true } } } });
  const relation = (await relations(app, viewerId, [userId])).get(userId);
  if (!row?.user.avatarKey || (relation && !seesProfile(relation, "photo")))
    throw new AppError("not_found", { key: "errors.users.noAvatar" });
  return { data: row.data, key: row.user.avatarKey };
}
