// Images are checked by the size their header declares before anything decodes them: a small file can
// declare a huge picture (a 746 KB PNG of 16000x16000 pixels took 1.4 s of CPU and 170 MiB to decode),
// and nothing a chat shows needs one.
import sharp, { type Metadata } from "sharp";
import type { TextKey } from "../../lib/i18n/text";
import { AppError } from "../errors";

/** The most pixels of a photo sent in a chat or a status: 50 megapixels (a 48 MP phone camera's 8000x6000). */
export const PHOTO_MAX_PIXELS = 50_000_000;
/** The most pixels of an avatar or a group icon (cropped to 256px anyway). */
export const AVATAR_MAX_PIXELS = 25_000_000;

/**
 * The image's header (format, declared width and height), read without decoding its pixels: undefined when
 * it isn't an image sharp reads, 422 when it declares more than `maxPixels`, saying `tooLarge` (a message
 * of errors.json: "<what> can be at most {max} megapixels (this one is {width}x{height})").
 */
export async function imageHeader(input: string | Buffer, maxPixels: number, tooLarge: TextKey): Promise<Metadata | undefined> {
  const meta = await sharp(input)
    .metadata()
    .catch(() => undefined);
  if (meta?.width && meta.height && meta.width * meta.height > maxPixels) {
    throw new AppError(
      "unprocessable",
      { key: tooLarge, values: { max: Math.round(maxPixels / 1_000_000), width: meta.width, height: meta.height } },
      {
        field: "file",
      },
    );
  }
  return meta;
}
