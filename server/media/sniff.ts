// What a file really is, from its first bytes (file-type), never from its name or Content-Type: an
// image, video or audio upload must be one of the formats browsers play; a document may be anything
// (it is only ever downloaded, as an attachment).
import { fileTypeFromFile } from "file-type";
import type { UploadKind } from "../../lib/contracts/media";
import { AppError } from "../errors";

export interface Sniffed {
  mime: string;
  /** The usual extension, without the dot (null when the bytes say nothing, as with plain text). */
  ext: string | null;
}

// WebM is one container for both: Chromium's MediaRecorder records voice notes into it.
const PLAYABLE: Record<Exclude<UploadKind, "document">, { mimes: ReadonlySet<string>; named: string }> = {
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

/** The file's real type; throws 415 when an image, video or audio upload isn't one we can show. */
export async function sniff(kind: UploadKind, file: string): Promise<Sniffed> {
  const detected = await fileTypeFromFile(file);
  if (kind === "document") return detected ? { mime: detected.mime, ext: detected.ext } : { mime: "application/octet-stream", ext: null };
  const allowed = PLAYABLE[kind];
  if (!detected || !allowed.mimes.has(detected.mime)) {
    throw new AppError("unsupported_media_type", `That file isn't a supported ${kind}: use ${allowed.named}`, { field: "file" });
  }
  return { mime: detected.mime, ext: detected.ext };
}
