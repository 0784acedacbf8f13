// Media files: an upload streams into content-addressed storage (server/media/storage.ts), is typed by its
// bytes, and gets a fileId; a download is allowed to whoever may see the file. Messages that carry files
// come next; until then only the uploader may fetch an upload.
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { cleanFileName, type UploadedFile, type UploadKind } from "../../lib/contracts/media";
import { ctx } from "../context";
import { AppError } from "../errors";
import { sniff } from "../media/sniff";
import { isBlobTooLarge } from "../media/storage";

/** The most bytes a `kind` upload may have. */
export function uploadLimit(kind: UploadKind): number {
  const { env } = ctx();
  return kind === "document" ? env.documentMaxBytes : env.mediaMaxBytes;
}

export const tooLarge = (kind: UploadKind) =>
  new AppError(
    "payload_too_large",
    `${kind === "document" ? "Documents" : "Photos, videos and audio"} can be at most ${uploadLimit(kind) / 1_048_576} MB`,
    {
      field: "file",
    },
  );

/** Stores an upload (the same bytes once, however often) after checking its bytes are what `kind` says. */
export async function uploadMedia(
  uploaderId: string,
  kind: UploadKind,
  fileName: string | undefined,
  bytes: Readable,
): Promise<UploadedFile> {
  const { media, db } = ctx();
  const blob = await media.put(bytes, uploadLimit(kind)).catch((error) => {
    throw isBlobTooLarge(error) ? tooLarge(kind) : error;
  });
  let mime: string;
  try {
    ({ mime } = await sniff(kind, (await media.localPath(blob.sha256)) as string));
  } catch (error) {
    // Bytes nobody else stored and that aren't what they claim to be are not kept.
    if (blob.created && !(await db.mediaBlob.findUnique({ where: { sha256: blob.sha256 }, select: { sha256: true } })))
      await media.remove(blob.sha256);
    throw error;
  }
  await db.mediaBlob.upsert({ where: { sha256: blob.sha256 }, create: { sha256: blob.sha256, mime, size: blob.size }, update: {} });
  const upload = await db.mediaUpload.create({
    data: {
      id: randomUUID(),
      sha256: blob.sha256,
      uploaderId,
      kind,
      fileName: cleanFileName(fileName, kind === "document" ? "document" : kind),
    },
  });
  return { fileId: upload.id, sha256: blob.sha256, kind, mime, size: blob.size, fileName: upload.fileName };
}

export interface MediaFile extends UploadedFile {
  /** The stored bytes, whole or the inclusive range asked for. */
  open(range?: { start: number; end: number }): Promise<Readable>;
}

/** A file the user may download; anyone else gets the same 404 as for a file that doesn't exist. */
export async function mediaFor(userId: string, fileId: string): Promise<MediaFile> {
  const { db, media } = ctx();
  const upload = await db.mediaUpload.findUnique({ where: { id: fileId }, include: { blob: true } });
  if (!upload || upload.uploaderId !== userId) throw new AppError("not_found", "File not found");
  return {
    fileId: upload.id,
    sha256: upload.sha256,
    kind: upload.kind as UploadKind,
    mime: upload.blob.mime,
    size: upload.blob.size,
    fileName: upload.fileName,
    async open(range) {
      const stream = await media.read(upload.sha256, range);
      if (!stream) throw new AppError("not_found", "File not found");
      return stream;
    },
  };
}
