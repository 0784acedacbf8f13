// Where the pieces of resumable uploads wait until they are complete: with media on object storage, in its
// bucket (@tus/s3-store: one S3 multipart upload per tus upload, its record in `<id>.info`), so any node
// can continue an upload another node began; else in DATA_DIR/media/uploads (@tus/file-store).
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Readable } from "node:stream";
import { FileStore } from "@tus/file-store";
import { type MetadataValue, S3Store } from "@tus/s3-store";
import { ERRORS, type KvStore, type ServerOptions } from "@tus/server";
import type { Env, S3Config } from "../env";
import { isNotFound, s3ClientConfig } from "../media/s3-storage";

export interface UploadStore {
  datastore: FileStore | S3Store;
  /** How the tus server names uploads and finds them from their URLs. */
  naming: Pick<ServerOptions, "namingFunction" | "generateUrl" | "getFileIdFromRequest">;
  /** A finished upload's bytes. */
  read(id: string): Promise<Readable>;
}

export function createUploadStore(env: Pick<Env, "dataDir" | "s3">, expirationPeriodInMilliseconds: number): UploadStore {
  if (!env.s3) {
    const datastore = new FileStore({ directory: path.join(env.dataDir, "media", "uploads"), expirationPeriodInMilliseconds });
    return { datastore, naming: {}, read: async (id) => datastore.read(id) };
  }
  const keyPrefix = `${env.s3.prefix}uploads/`;
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

/**
 * S3Store keeps each upload's record in the memory of the node that read it; with several nodes that copy
 * goes stale (another node finishes or removes the upload) and is never dropped. So every request reads
 * the record from the bucket: a few small GETs per request of up to 8 MiB.
 */
const noCache: KvStore<MetadataValue> = { get: async () => undefined, set: async () => {}, delete: async () => {} };

/** S3Store, kept to the keys under `keyPrefix`, and able to remove a finished upload. */
class UploadsS3Store extends S3Store {
  constructor(config: S3Config, keyPrefix: string, expirationPeriodInMilliseconds: number) {
    super({
      s3ClientConfig: { ...s3ClientConfig(config), bucket: config.bucket },
      expirationPeriodInMilliseconds,
      // Expiry is this store's own sweep (cleanUpExpiredUploads): no object tags, which Garage lacks.
      useTags: false,
      cache: noCache,
    });
    // The sweep of expired uploads lists every multipart upload in the bucket: only ours may be aborted.
    this.client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === "ListMultipartUploadsCommand") Object.assign(args.input as object, { Prefix: keyPrefix });
        return next(args);
      },
      { step: "initialize", name: "chatterboxUploadsOnly" },
    );
  }

  /**
   * S3Store's own remove aborts the multipart upload first and stops when there is none, which is the case
   * once the upload is complete (S3 answers NoSuchUpload): its object and record would stay in the bucket.
   */
  override async remove(id: string): Promise<void> {
    const record = await this.getMetadata(id).catch((error) => {
      throw isNotFound(error) ? ERRORS.FILE_NOT_FOUND : error;
    });
    await this.client.abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: record["upload-id"] }).catch((error) => {
      if (!isNotFound(error)) throw error;
    });
    for (const Key of [id, this.infoKey(id), this.partKey(id, true)]) await this.client.deleteObject({ Bucket: this.bucket, Key });
  }
}
