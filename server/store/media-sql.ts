// Media reads on the download path (every photo, thumbnail and file a chat shows), on the driver: through
// Prisma each costs about a millisecond of CPU. Uploads are still written through Prisma.
import type { Driver } from "./driver";

export interface UploadRow {
  id: string;
  sha256: string;
  uploaderId: string;
  kind: string;
  fileName: string;
  /** Of its blob: */
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  placeholder: string | null;
  pageCount: number | null;
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
