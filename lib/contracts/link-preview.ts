// Link previews, as in Signal: the sender's app asks its own server to fetch the page of a link it is about
// to send (POST /api/v1/link-previews), and the preview travels inside the message, encrypted with the text
// in an encrypted chat. Recipients show it from the message and never fetch anything.
import { z } from "zod";
import { linkParts } from "../shared/linkify";
import { text } from "./text";

export const LINK_URL_MAX = 2048;
export const LINK_TITLE_MAX = 300;
export const LINK_DESCRIPTION_MAX = 600;
export const LINK_SITE_NAME_MAX = 100;
/** Longest data: URL of a preview's thumbnail (the server makes a JPEG of a few KiB; other apps' may be bigger). */
export const LINK_IMAGE_MAX = 32_768;

const httpUrl = text("url")
  .trim()
  .min(1, { error: "url is required" })
  .max(LINK_URL_MAX, { error: `url can be at most ${LINK_URL_MAX} characters` })
  .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), { error: "url must be an http or https link" });

/** POST /api/v1/link-previews. */
export const linkPreviewRequestSchema = z.object({ url: httpUrl }).strict();
export type LinkPreviewRequest = z.infer<typeof linkPreviewRequestSchema>;

/**
 * What a message carries of the page its link leads to. `url` is the link as it is in the text (the card
 * opens it); `image` a small thumbnail as a data: URL, or null.
 */
export const linkPreviewSchema = z
  .object({
    url: httpUrl,
    title: text("title").trim().min(1, { error: "A link preview needs a title" }).max(LINK_TITLE_MAX),
    description: text("description", { multiline: true }).trim().max(LINK_DESCRIPTION_MAX).default(""),
    siteName: text("siteName").trim().max(LINK_SITE_NAME_MAX).nullable().default(null),
    image: z
      .string()
      .max(LINK_IMAGE_MAX, { error: `A link preview's image can be at most ${LINK_IMAGE_MAX} characters of data: URL` })
      .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+=*$/, { error: "image must be a base64 data: URL of a JPEG, PNG or WebP" })
      .nullable()
      .default(null),
  })
  .strict();
export type LinkPreview = z.infer<typeof linkPreviewSchema>;

/** The first link of a text that can have a preview (http or https), or null. */
export function firstLink(value: string): string | null {
  return linkParts(value).find((part) => part.href && /^https?:/i.test(part.href))?.href ?? null;
}

/** A preview belongs to its message only if its link is in the text: a card can't lead elsewhere than the text says. */
export const previewFitsText = (preview: Pick<LinkPreview, "url">, value: string) =>
  linkParts(value).some((part) => part.href === preview.url);
