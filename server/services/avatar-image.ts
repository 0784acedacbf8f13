// The one image pipeline for profile photos and group icons: the type is read from the bytes (never the
// file name or Content-Type), the image is turned upright, cropped to a 256px square WebP, and its
// metadata (EXIF, GPS) is dropped, so the server never stores or sends back what was uploaded.
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { AVATAR_MAX_BYTES, AVATAR_SIZE, type ImageLabel, imageTooLarge } from "../../lib/contracts/users";
import { AppError } from "../errors";
import { AVATAR_MAX_PIXELS, imageHeader } from "../media/image-limits";

const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif", "heif"]);

/** A fresh random key for a stored image; it goes in the image's URL, so a new image busts caches. */
export const newImageKey = () => randomBytes(6).toString("base64url");

/** The stored form of an uploaded avatar or group icon; 413 when too large, 415 when not an accepted image. */
export async function toAvatarImage(bytes: Buffer, label: ImageLabel): Promise<Buffer<ArrayBuffer>> {
  if (bytes.length > AVATAR_MAX_BYTES) throw new AppError("payload_too_large", imageTooLarge(label));
  const format = (await imageHeader(bytes, AVATAR_MAX_PIXELS, `errors.images.${label}.tooManyPixels`))?.format;
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw new AppError("unsupported_media_type", { key: `errors.images.${label}.notAnImage` }, { field: "file" });
  }
  return sharp(bytes, { limitInputPixels: AVATAR_MAX_PIXELS })
    .rotate()
    .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover" })
    .webp({ quality: 82 })
    .toBuffer();
}
