// Media contracts shared by the server and the browser: what an upload says it is.
import { z } from "zod";
import type * as out from "./outputs";

/** The `file_type` of an upload: what the sender says it is. The bytes must agree (documents may be anything). */
export const uploadKindSchema = z.enum(["image", "video", "audio", "document"], {
  error: "file_type must be image, video, audio or document",
});
export type UploadKind = z.infer<typeof uploadKindSchema>;

/**
 * The formats browsers show inline, per upload kind: an image, video or audio upload must be one of them
 * (the server checks the bytes), and the app sends a picked file as a photo or video when it is one.
 * WebM is one container for both: Chromium's MediaRecorder records voice notes into it.
 */
export const PLAYABLE: Record<Exclude<UploadKind, "document">, { mimes: ReadonlySet<string>; named: string }> = {
  image: { mimes: new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]), named: "JPEG, PNG, WebP or GIF" },
  video: { mimes: new Set(["video/mp4", "video/webm", "video/quicktime"]), named: "MP4, WebM or QuickTime" },
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
    named: "MP3, Ogg/Opus, WAV, AAC, M4A or WebM",
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
export const uploadEncryptedSchema = z.enum(["true", "false"], { error: 'encrypted must be "true" or "false"' }).optional();

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
