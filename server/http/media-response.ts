// A media download: ETag = the content's SHA-256 and immutable caching (a fileId's bytes never change),
// one byte range when asked (206, or 416 past the end), and documents and encrypted files as attachments.
import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { ENCRYPTED_FILE_MIME } from "../../lib/contracts/media";
import { AppError } from "../errors";
import type { MediaFile } from "../services/media";

/** The one range of a `Range: bytes=...` header, or null for the whole file; "unsatisfiable" past the end. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | "unsatisfiable" {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === "" && match[2] === "")) return null; // absent, several ranges, or malformed: the whole file
  if (match[1] === "") {
    const suffix = Number(match[2]);
    return suffix === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? "unsatisfiable" : { start, end };
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
const disposition = (type: "inline" | "attachment", name: string) =>
  `${type}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * A fileId's bytes never change, so anything served for one may be kept as long as a browser likes.
 * `no-transform` also keeps them as they are on the way: photos, video and archives don't shrink, and
 * Next's gzip would otherwise spend ~50 ms of CPU per MB trying (and break byte ranges).
 */
const IMMUTABLE = "private, max-age=31536000, immutable, no-transform";

export async function mediaResponse(req: NextRequest, file: MediaFile): Promise<Response> {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": IMMUTABLE,
    "Accept-Ranges": "bytes",
    "Content-Type": file.mime,
    "Content-Disposition": disposition(
      file.kind === "document" || file.mime === ENCRYPTED_FILE_MIME ? "attachment" : "inline",
      file.fileName,
    ),
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const range = parseRange(req.headers.get("range"), file.size);
  if (range === "unsatisfiable")
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${file.size}` } });
  const body = (stream: Readable) => Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  if (!range) return new Response(body(await file.open()), { headers: { ...headers, "Content-Length": String(file.size) } });
  return new Response(body(await file.open(range)), {
    status: 206,
    headers: {
      ...headers,
      "Content-Range": `bytes ${range.start}-${range.end}/${file.size}`,
      "Content-Length": String(range.end - range.start + 1),
    },
  });
}

export async function thumbnailResponse(req: NextRequest, file: MediaFile): Promise<Response> {
  const thumbnail = await file.thumbnail();
  if (!thumbnail) throw new AppError("not_found", { key: "errors.media.noThumbnail" });
  const etag = `"${file.sha256}-thumbnail"`;
  const headers = { ETag: etag, "Cache-Control": IMMUTABLE, "Content-Type": "image/webp" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(thumbnail), { headers });
}
