// Images are checked by the size their header declares before anything decodes them: a small file can
// declare a huge picture (a 746 KB PNG of 16000x16000 pixels took 1.4 s of CPU and 170 MiB to decode),
// and nothing a chat shows needs one.
import sharp, { type Metadata } from "sharp";
import { AppError } from "../errors";

/** The most pixels of a photo sent in a chat or a status: 50 megapixels (a 48 MP phone camera's 8000x6000). */
export const PHOTO_MAX_PIXELS = 50_000_000;
/** The most pixels of an avatar or a group icon (cropped to 256px anyway). */
export const AVATAR_MAX_PIXELS = 25_000_000;

const megapixels = (pixels: number) => `${Math.round(pixels / 1_000_000)} megapixels`;

/**
 * The image's header (format, declared width and height), read without decoding its pixels: undefined when
 * it isn't an image sharp reads, 422 when it declares more than `maxPixels` ("<what> can be at most ...<hint>").
 */
export async function imageHeader(input: string | Buffer, maxPixels: number, what: string, hint = ""): Promise<Metadata | undefined> {
  const meta = await sharp(input)
    .metadata()
    .catch(() => undefined);
  if (meta?.width && meta.height && meta.width * meta.height > maxPixels) {
    throw new AppError(
      "unprocessable",
      `${what} can be at most ${megapixels(maxPixels)} (this one is ${meta.width}x${meta.height})${hint}`,
      {
        field: "file",
      },
    );
  }
  return meta;
}
