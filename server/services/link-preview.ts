// A link preview for the sender's app (Signal's design): the server fetches the page of a link its user is
// about to send, and answers its title, description and a small thumbnail; the app puts them inside the
// message. Recipients never ask: the server fetches nothing on their behalf, and learns only the links
// its own users ask it to preview. Every fetch goes through guardedGet (public addresses only, pinned,
// few redirects), within LINK_PREVIEW_TIME_MS for page and image together, reading a bounded number of bytes.
import sharp from "sharp";
import {
  LINK_DESCRIPTION_MAX,
  LINK_IMAGE_MAX,
  LINK_SITE_NAME_MAX,
  LINK_TITLE_MAX,
  type LinkPreview,
} from "../../lib/contracts/link-preview";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { guardedGet, readCapped } from "../link-preview/guarded-fetch";
import { metaParser } from "../link-preview/html-meta";
import { AVATAR_MAX_PIXELS, imageHeader } from "../media/image-limits";
import { myPrivacy } from "./privacy";

/** The whole preview's time: the page, its redirects and its image. */
const LINK_PREVIEW_TIME_MS = 5_000;
/** The most of a page read looking for its head. */
const PAGE_MAX_BYTES = 512 * 1024;
/** The largest image fetched for a thumbnail. */
const IMAGE_MAX_BYTES = 1024 * 1024;
/** The thumbnail's side, in pixels (a square, as WhatsApp's card shows it). */
const THUMBNAIL_SIZE = 160;
const THUMBNAIL_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif"]);

const cut = (value: string | null, max: number) => (value ? [...value].slice(0, max).join("").trim() : "");

export async function previewLink(app: AppContext, userId: string, link: string): Promise<LinkPreview> {
  if (!(await myPrivacy(app, userId)).linkPreviews)
    throw new AppError("forbidden", { key: "errors.linkPreview.off" }, { field: "linkPreviews" });
  await app.limits.linkPreviews.take(userId);
  const signal = AbortSignal.timeout(LINK_PREVIEW_TIME_MS);
  const allowed = app.env.linkPreviewAllowedAddresses;
  const page = await guardedGet(new URL(link), { accept: "text/html,application/xhtml+xml;q=0.9", allowed, signal });
  const type = page.response.headers["content-type"] ?? "";
  if (!/^(text\/html|application\/xhtml\+xml)\b/i.test(type)) {
    page.response.destroy();
    throw new AppError("unprocessable", { key: "errors.linkPreview.notWebPage" }, { field: "url" });
  }
  const parser = metaParser();
  const decoder = new TextDecoder(charsetOf(type));
  await readCapped(page.response, {
    max: PAGE_MAX_BYTES,
    signal,
    enough: (chunk) => {
      parser.write(decoder.decode(chunk, { stream: true }));
      return parser.done;
    },
  });
  const meta = parser.result();
  const title = cut(meta.title, LINK_TITLE_MAX);
  if (!title) throw new AppError("unprocessable", { key: "errors.linkPreview.noTitle" }, { field: "url" });
  const image = meta.image ? await thumbnail(app, new URL(meta.image, page.url), signal) : null;
  return {
    url: link,
    title,
    description: cut(meta.description, LINK_DESCRIPTION_MAX),
    siteName: cut(meta.siteName, LINK_SITE_NAME_MAX) || null,
    image,
  };
}

/** The page's charset if the text decoder knows it, else UTF-8 (what nearly every page is). */
function charsetOf(contentType: string): string {
  const charset = /charset="?([\w-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).encoding;
  } catch {
    return "utf-8";
  }
}

/** The page's image as a small JPEG data: URL, or null: a preview without its image is still a preview. */
async function thumbnail(app: AppContext, url: URL, signal: AbortSignal): Promise<string | null> {
  try {
    const { response } = await guardedGet(url, { accept: "image/*", allowed: app.env.linkPreviewAllowedAddresses, signal });
    if (!/^image\//i.test(response.headers["content-type"] ?? "")) {
      response.destroy();
      return null;
    }
    const bytes = await readCapped(response, { max: IMAGE_MAX_BYTES, signal });
    // The bytes say what the image is, never the header; anything sharp can't read (or too large to decode) has no thumbnail.
    const format = (await imageHeader(bytes, AVATAR_MAX_PIXELS, "errors.linkPreview.imageTooManyPixels"))?.format;
    if (!format || !THUMBNAIL_FORMATS.has(format)) return null;
    const jpeg = await sharp(bytes, { limitInputPixels: AVATAR_MAX_PIXELS })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "cover" })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 70 })
      .toBuffer();
    const dataUrl = `data:image/jpeg;base64,${jpeg.toString("base64")}`;
    return dataUrl.length <= LINK_IMAGE_MAX ? dataUrl : null;
  } catch (error) {
    app.log.debug({ err: error, url: url.origin }, "link preview image not fetched");
    return null;
  }
}
