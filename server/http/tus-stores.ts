// Where the pieces of resumable uploads wait until they are complete: with media on object storage, in its
// bucket (@tus/s3-store: one S3 multipart upload per tus upload, its record in `<id>.info`), so any node
// can continue an upload another node began; else in DATA_DIR/media/uploads (@tus/file-store).
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Readable } from "node:stream";
import { FileStore } from "@tus/file-store";
import type { ServerOptions } from "@tus/server";
import type { Env } from "../env";
import type { UploadsS3Store } from "./tus-s3-store";

export interface UploadStore {
  datastore: FileStore | UploadsS3Store;
  /** How the tus server names uploads and finds them from their URLs. */
  naming: Pick<ServerOptions, "namingFunction" | "generateUrl" | "getFileIdFromRequest">;
  /** A finished upload's bytes. */
  read(id: string): Promise<Readable>;
}

export async function createUploadStore(env: Pick<Env, "dataDir" | "s3">, expirationPeriodInMilliseconds: number): Promise<UploadStore> {
  if (!env.s3) {
    const datastore = new FileStore({ directory: path.join(env.dataDir, "media", "uploads"), expirationPeriodInMilliseconds });
    return { datastore, naming: {}, read: async (id) => datastore.read(id) };
  }
  const keyPrefix = `${env.s3.prefix}uploads/`;
  // Loaded only with S3 configured (with the AWS SDK).
  const { UploadsS3Store } = await import("./tus-s3-store");
  const datastore = new UploadsS3Store(env.s3, keyPrefix, expirationPeriodInMilliseconds);
  return {
    datastore,
    // An upload's id is its key in the bucket; its URL ends with the key's last part only.
    naming: {
      namingFunction: () => `${keyPrefix}${randomBytes(16).toString("hex")}`,
      generateUrl: (_req, { proto, host, path: base, id }) => `${proto}://${host}${base}/${id.slice(keyPrefix.length)}`,
      getFileIdFromRequest: (_req, last) => (last && /^[0-9a-f]{32}$/.test(last) ? `${keyPrefix}${last}` : undefined),
    },
    read: (id) => datastore.read(id),
  };
}
