// Link previews, as in Signal: the sender's app asks its own server to fetch the page of a link it is about
// to send (POST /api/v1/link-previews), and the preview travels inside the message, encrypted with the text
// in an encrypted chat. Recipients show it from the message and never fetch anything.
import { z } from "zod";
import { message } from "../i18n/text";
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
  .min(1, message("validation.field.required", { field: "url" }))
  .max(LINK_URL_MAX, message("validation.field.canBeAtMostChars", { field: "url", max: LINK_URL_MAX }))
  .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), message("validation.linkPreview.httpUrl"));

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
    title: text("title").trim().min(1, message("validation.linkPreview.titleRequired")).max(LINK_TITLE_MAX),
    description: text("description", { multiline: true }).trim().max(LINK_DESCRIPTION_MAX).default(""),
    siteName: text("siteName").trim().max(LINK_SITE_NAME_MAX).nullable().default(null),
    image: z
      .string()
      .max(LINK_IMAGE_MAX, message("validation.linkPreview.imageTooLong", { max: LINK_IMAGE_MAX }))
      .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+=*$/, message("validation.linkPreview.imageFormat"))
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
