// Media files: an upload streams into content-addressed storage (server/media/storage.ts), is typed by its
// bytes, and gets a fileId that messages and statuses carry. The uploader, and whoever may see a message or
// status carrying the file, may download it and send it on; nobody else learns it exists.
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { cleanFileName, ENCRYPTED_FILE_MIME, ENCRYPTED_FILE_NAME, type UploadedFile, type UploadKind } from "../../lib/contracts/media";
import { FILE_TYPES, type FileMessageType, type MessageFile } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { type ImagePreview, imagePreview } from "../media/image-preview";
import { pdfPageCount } from "../media/pdf-pages";
import { sniff } from "../media/sniff";
import { isBlobTooLarge, limitedTo } from "../media/storage";
import { stripImageMetadata } from "../media/strip-metadata";
import { recordBlob, thumbnailOf, uploadRow } from "../store/media-sql";
import { statusOwnersShowing } from "../store/status-sql";
import { relations, seesStatus } from "./privacy";

/** The most bytes a `kind` upload may have. */
export function uploadLimit(app: AppContext, kind: UploadKind): number {
  const { env } = app;
  return kind === "document" ? env.documentMaxBytes : env.mediaMaxBytes;
}

export const tooLarge = (app: AppContext, kind: UploadKind) =>
  new AppError(
    "payload_too_large",
    {
      key: kind === "document" ? "errors.media.documentTooLarge" : "errors.media.mediaTooLarge",
      values: { mb: uploadLimit(app, kind) / 1_048_576 },
    },
    { field: "file" },
  );

/**
 * Stores an upload (the same bytes once, however often) after checking its bytes are what `kind` says. An
 * image is stored without its metadata (EXIF with the GPS position, XMP, comments; only its orientation
 * stays): what everyone downloads, the uploader included, is the original's bytes without them. An
 * `encrypted` upload is ciphertext: stored as it came (within `kind`'s limit), never read, and described
 * by nothing but its size (ENCRYPTED_FILE_MIME, ENCRYPTED_FILE_NAME).
 */
export async function uploadMedia(
  app: AppContext,
  uploaderId: string,
  kind: UploadKind,
  fileName: string | undefined,
  bytes: Readable,
  encrypted = false,
): Promise<UploadedFile> {
  const { media, db, store, now } = app;
  const limit = uploadLimit(app, kind);
  const clearImage = kind === "image" && !encrypted;
  // What the bytes are, read before they are stored: bytes that aren't what they claim to be are never kept.
  let described: { mime: string; preview: ImagePreview | null; pageCount: number | null } = {
    mime: ENCRYPTED_FILE_MIME,
    preview: null,
    pageCount: null,
  };
  const inspect = async (file: string) => {
    const { mime } = await sniff(kind, file);
    described = {
      mime,
      preview: clearImage ? await imagePreview(file) : null,
      pageCount: mime === "application/pdf" ? await pdfPageCount(file) : null,
    };
  };
  const blob = await media
    .put(clearImage ? withoutMetadata(bytes, limit) : bytes, limit, encrypted ? undefined : inspect)
    .catch((error) => {
      throw isBlobTooLarge(error) ? tooLarge(app, kind) : error;
    });
  const { mime, preview, pageCount } = described;
  const stored = await store.transact((tx) =>
    recordBlob(
      tx,
      {
        sha256: blob.sha256,
        mime,
        size: blob.size,
        width: preview?.width ?? null,
        height: preview?.height ?? null,
        thumbnail: preview?.thumbnail ?? null,
        placeholder: preview?.placeholder ?? null,
        pageCount,
      },
      now(),
    ),
  );
  const upload = await db.mediaUpload.create({
    data: {
      id: randomUUID(),
      sha256: blob.sha256,
      uploaderId,
      kind,
      fileName: encrypted ? ENCRYPTED_FILE_NAME : cleanFileName(fileName, kind === "document" ? "document" : kind),
    },
  });
  return { fileId: upload.id, kind, fileName: upload.fileName, ...stored };
}

/**
 * The bytes as they stream in, metadata removed on the way (an error on either side ends both). The limit
 * counts what was sent, not what is kept: bytes the stripping drops must not stream in without end.
 */
function withoutMetadata(bytes: Readable, maxBytes: number): Readable {
  const stripped = stripImageMetadata();
  pipeline(bytes, limitedTo(maxBytes), stripped).catch(() => {});
  return stripped;
}

/** What an upload's answer and a download tell of the stored bytes (the thumbnail itself is fetched apart). */

export interface MediaFile extends UploadedFile {
  /** The stored bytes, whole or the inclusive range asked for. */
  open(range?: { start: number; end: number }): Promise<Readable>;
  /** The WebP thumbnail of an image (null for other kinds). */
  thumbnail(): Promise<Uint8Array | null>;
}

/** The upload if `userId` may use it: they uploaded it, or may see a message or a status that carries it. */
async function usableUpload(app: AppContext, userId: string, fileId: string) {
  const { store } = app;
  const upload = await uploadRow(store.reader, fileId);
  if (!upload) return null;
  return upload.uploaderId === userId || (await store.fileVisibleTo(userId, fileId)) || (await shownInStatusTo(app, userId, fileId))
    ? upload
    : null;
}

/** Whether a live status shows this file to the user (its poster's settings let them see it). */
async function shownInStatusTo(app: AppContext, userId: string, fileId: string): Promise<boolean> {
  const { store, now } = app;
  const owners = await statusOwnersShowing(store.reader, fileId, now());
  if (owners.includes(userId)) return true;
  return [...(await relations(app, userId, owners)).values()].some(seesStatus);
}

/** What a `type` message says of the file `fileId`, when the sender may send it (403 otherwise). */
export async function messageFile(
  app: AppContext,
  senderId: string,
  /** The message's type; null for an encrypted message, whose kind is inside its ciphertext. */
  type: FileMessageType | null,
  fileId: string,
  duration?: number,
  /** The kinds of upload it may be: a photo or a video (an encrypted status). */
  kinds?: readonly ["image", "video"],
): Promise<MessageFile> {
  const upload = await usableUpload(app, senderId, fileId);
  if (!upload) throw new AppError("forbidden", { key: "errors.media.notUploaded" }, { field: "fileId" });
  if (kinds && !(kinds as readonly string[]).includes(upload.kind))
    throw new AppError(
      "bad_request",
      { key: "errors.media.notPhotoOrVideo", values: { kind: upload.kind } },
      {
        field: "fileId",
      },
    );
  // Ciphertext means something only inside an encrypted message (which holds its key).
  if (type !== null && upload.mime === ENCRYPTED_FILE_MIME)
    throw new AppError(
      "bad_request",
      { key: "errors.media.encryptedFile" },
      {
        field: "fileId",
      },
    );
  if (type !== null && upload.kind !== FILE_TYPES[type]) {
    throw new AppError(
      "bad_request",
      { key: "errors.media.wrongKind", values: { kind: upload.kind, type } },
      {
        field: "fileId",
      },
    );
  }
  const { mime, size, width, height, placeholder, pageCount } = upload;
  return { fileId, mime, size, fileName: upload.fileName, width, height, placeholder, pageCount, duration: duration ?? null };
}

/** A file the user may download; anyone else gets the same 404 as for a file that doesn't exist. */
export async function mediaFor(app: AppContext, userId: string, fileId: string): Promise<MediaFile> {
  const { store, media } = app;
  const upload = await usableUpload(app, userId, fileId);
  if (!upload) throw new AppError("not_found", { key: "errors.media.fileNotFound" });
  const { sha256, mime, size, width, height, placeholder, pageCount } = upload;
  return {
    fileId: upload.id,
    kind: upload.kind as UploadKind,
    fileName: upload.fileName,
    sha256,
    mime,
    size,
    width,
    height,
    placeholder,
    pageCount,
    thumbnail: () => thumbnailOf(store.reader, sha256),
    async open(range) {
      const stream = await media.read(upload.sha256, range);
      if (!stream) throw new AppError("not_found", { key: "errors.media.fileNotFound" });
      return stream;
    },
  };
}
