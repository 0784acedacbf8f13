// Media reads on the download path (every photo, thumbnail and file a chat shows), on the driver: through
// Prisma each costs about a millisecond of CPU. Uploads are still written through Prisma.
import { type Driver, toDbTime } from "./driver";

/** An upload, with its blob's description (BlobRow, below). */
export interface UploadRow extends BlobRow {
  id: string;
  uploaderId: string;
  kind: string;
  fileName: string;
}

/** An upload with its blob's description (not its thumbnail), or null when there is none. */
export async function uploadRow(db: Driver, fileId: string): Promise<UploadRow | null> {
  const row = await db.get<UploadRow>(
    `SELECT u."id", u."sha256", u."uploaderId", u."kind", u."fileName", b."mime", b."size", b."width", b."height", b."placeholder", b."pageCount"
     FROM "MediaUpload" u JOIN "MediaBlob" b ON b."sha256" = u."sha256" WHERE u."id" = ?`,
    [fileId],
  );
  return row ?? null;
}

/** A blob's WebP thumbnail (images only), or null. */
export async function thumbnailOf(db: Driver, sha256: string): Promise<Uint8Array | null> {
  const row = await db.get<{ thumbnail: Uint8Array | null }>(`SELECT "thumbnail" FROM "MediaBlob" WHERE "sha256" = ?`, [sha256]);
  return row?.thumbnail ?? null;
}

/** What the server found a blob to be, as the upload's answer describes it. */
export interface BlobRow {
  sha256: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  placeholder: string | null;
  pageCount: number | null;
}

/**
 * Records a stored blob unless a row already describes it (the same bytes uploaded at once by several
 * people: one row, no conflict), and answers the row as it is.
 */
export async function recordBlob(tx: Driver, blob: BlobRow & { thumbnail: Uint8Array | null }, at: Date): Promise<BlobRow> {
  await tx.run(
    `INSERT INTO "MediaBlob" ("sha256", "mime", "size", "width", "height", "thumbnail", "placeholder", "pageCount", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("sha256") DO NOTHING`,
    [
      blob.sha256,
      blob.mime,
      blob.size,
      blob.width,
      blob.height,
      blob.thumbnail,
      blob.placeholder,
      blob.pageCount,
      toDbTime(tx.dialect, at),
    ],
  );
  const row = await tx.get<BlobRow>(
    `SELECT "sha256", "mime", "size", "width", "height", "placeholder", "pageCount" FROM "MediaBlob" WHERE "sha256" = ?`,
    [blob.sha256],
  );
  if (!row) throw new Error(`blob ${blob.sha256} vanished as it was recorded`);
  return row;
}
