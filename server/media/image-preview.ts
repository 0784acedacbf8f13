// What a chat shows of a photo before (or instead of) the full file: its size as displayed, a small WebP
// thumbnail and a tiny one to show blurred while the thumbnail loads. sharp drops every bit of metadata
// (EXIF, GPS) from what it writes, so previews never carry where a photo was taken.
import sharp from "sharp";
import { AppError } from "../errors";
import { imageHeader, PHOTO_MAX_PIXELS } from "./image-limits";

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_MAX = 480;
const PLACEHOLDER_MAX = 16;

export interface ImagePreview {
  width: number;
  height: number;
  thumbnail: Buffer<ArrayBuffer>;
  /** A data: URL of a WebP at most 16px wide, to blur up. */
  placeholder: string;
}

export async function imagePreview(file: string): Promise<ImagePreview> {
  const meta = await imageHeader(file, PHOTO_MAX_PIXELS, "errors.media.photoTooManyPixels");
  try {
    if (!meta) throw new Error("not an image");
    // EXIF orientations 5-8 turn the picture a quarter: what is shown is the other way round.
    const turned = (meta.orientation ?? 1) >= 5;
    const [width, height] = turned ? [meta.height, meta.width] : [meta.width, meta.height];
    const inside = (max: number) => ({ width: max, height: max, fit: "inside", withoutEnlargement: true }) as const;
    // The photo is decoded once; the placeholder is made from the thumbnail.
    const thumbnail = await sharp(file, { limitInputPixels: PHOTO_MAX_PIXELS })
      .rotate()
      .resize(inside(THUMBNAIL_MAX))
      .webp({ quality: 72 })
      .toBuffer();
    const tiny = await sharp(thumbnail).resize(inside(PLACEHOLDER_MAX)).webp({ quality: 40 }).toBuffer();
    return { width, height, thumbnail, placeholder: `data:image/webp;base64,${tiny.toString("base64")}` };
  } catch {
    throw new AppError("unsupported_media_type", { key: "errors.media.unreadableImage" }, { field: "file" });
  }
}
