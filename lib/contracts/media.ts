// Media contracts shared by the server and the browser: what an upload says it is.
import { z } from "zod";
import { message, text } from "../i18n/text";
import type * as out from "./outputs";

/** The `file_type` of an upload: what the sender says it is. The bytes must agree (documents may be anything). */
export const uploadKindSchema = z.enum(["image", "video", "audio", "document"], message("validation.media.fileType"));
export type UploadKind = z.infer<typeof uploadKindSchema>;

/**
 * The formats browsers show inline, per upload kind: an image, video or audio upload must be one of them
 * (the server checks the bytes), and the app sends a picked file as a photo or video when it is one.
 * WebM is one container for both: Chromium's MediaRecorder records voice notes into it.
 */
export const PLAYABLE: Record<
  Exclude<UploadKind, "document">,
  /** `named`: the formats as messages list them ("JPEG, PNG, WebP or GIF"), in the page's language. */
  { mimes: ReadonlySet<string>; readonly named: string }
> = {
  image: {
    mimes: new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]),
    get named() {
      return text("validation.media.imageFormats");
    },
  },
  video: {
    mimes: new Set(["video/mp4", "video/webm", "video/quicktime"]),
    get named() {
      return text("validation.media.videoFormats");
    },
  },
  audio: {
    mimes: new Set([
      "audio/mpeg",
      "audio/ogg",
      "audio/ogg; codecs=opus",
      "audio/opus",
      "audio/wav",
      "audio/aac",
      "audio/x-m4a",
      "audio/mp4",
      "audio/webm",
      "video/webm",
    ]),
    get named() {
      return text("validation.media.audioFormats");
    },
  },
};

/**
 * An end-to-end encrypted upload (`encrypted: "true"` beside `file_type`): ciphertext the server can't read,
 * stored and served as it came, under this type and a name of no meaning; `file_type` only chooses its size
 * limit. What it is (type, name, size, dimensions) is inside the message that carries it.
 */
export const ENCRYPTED_FILE_MIME = "application/vnd.chatterbox.encrypted";
export const ENCRYPTED_FILE_NAME = "encrypted";
/** The `encrypted` field of an upload (absent: a file in the clear). */
export const uploadEncryptedSchema = z.enum(["true", "false"], message("validation.media.encrypted")).optional();

/** Default size limits (the server's MEDIA_MAX_MB and DOCUMENT_MAX_MB change them). */
export const DEFAULT_MEDIA_MAX_MB = 16;
export const DEFAULT_DOCUMENT_MAX_MB = 100;

/** What POST /api/v1/media answers: the id a message refers to, and what the server found the file to be. */
export type UploadedFile = z.infer<typeof out.uploadedFileSchema>;

/** A name safe to store and show: no folders, no control characters, at most 255 characters. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const printable = [...base].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join("");
  const clean = printable.trim().slice(0, 255);
  return clean || fallback;
}
