// What a file really is, from its first bytes (file-type), never from its name or Content-Type: an
// image, video or audio upload must be one of the formats browsers play; a document may be anything
// (it is only ever downloaded, as an attachment).
import { fileTypeFromFile } from "file-type";
import { PLAYABLE, type UploadKind } from "../../lib/contracts/media";
import { AppError } from "../errors";

export interface Sniffed {
  mime: string;
  /** The usual extension, without the dot (null when the bytes say nothing, as with plain text). */
  ext: string | null;
}

/** The file's real type; throws 415 when an image, video or audio upload isn't one we can show. */
export async function sniff(kind: UploadKind, file: string): Promise<Sniffed> {
  const detected = await fileTypeFromFile(file);
  if (kind === "document") return detected ? { mime: detected.mime, ext: detected.ext } : { mime: "application/octet-stream", ext: null };
  const allowed = PLAYABLE[kind];
  if (!detected || !allowed.mimes.has(detected.mime)) {
    // Each kind's message names the formats of PLAYABLE[kind].named.
    throw new AppError("unsupported_media_type", { key: `errors.media.unsupported.${kind}` }, { field: "file" });
  }
  return { mime: detected.mime, ext: detected.ext };
}
