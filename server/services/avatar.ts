import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { AVATAR_MAX_BYTES, AVATAR_SIZE, type PublicUser } from "../../lib/contracts/users";
import { ctx } from "../context";
import { AppError } from "../errors";
import { publicUserSelect, toPublicUser } from "./public-user";

const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif", "heif"]);

/**
 * Stores a new avatar: the type is read from the bytes (never the file name or Content-Type), the
 * image is cropped to a 256px square WebP, and metadata (EXIF, GPS) is dropped.
 */
export async function setAvatar(userId: string, bytes: Buffer): Promise<PublicUser> {
  if (bytes.length > AVATAR_MAX_BYTES) throw new AppError("payload_too_large", "Avatar images must be at most 5 MB");
  const format = await sharp(bytes)
    .metadata()
    .then((m) => m.format)
    .catch(() => undefined);
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw new AppError("unsupported_media_type", "Avatar must be a JPEG, PNG, WebP, GIF, AVIF or HEIF image", { field: "file" });
  }
  const data = await sharp(bytes).rotate().resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover" }).webp({ quality: 82 }).toBuffer();
  const { db, publisher } = ctx();
  const [, user] = await db.$transaction([
    db.avatar.upsert({ where: { userId }, create: { userId, data }, update: { data } }),
    db.user.update({ where: { id: userId }, data: { avatarKey: randomBytes(6).toString("base64url") }, select: publicUserSelect }),
  ]);
  await publisher.userUpdated(userId);
  return toPublicUser(user);
}

export async function removeAvatar(userId: string): Promise<PublicUser> {
  const { db, publisher } = ctx();
  await db.avatar.deleteMany({ where: { userId } });
  const user = await db.user.update({ where: { id: userId }, data: { avatarKey: null }, select: publicUserSelect });
  await publisher.userUpdated(userId);
  return toPublicUser(user);
}

export async function getAvatar(userId: string): Promise<{ data: Uint8Array; key: string }> {
  const row = await ctx().db.avatar.findUnique({ where: { userId }, select: { data: true, user: { select: { avatarKey: true } } } });
  if (!row?.user.avatarKey) throw new AppError("not_found", "This user has no avatar");
  return { data: row.data, key: row.user.avatarKey };
}
