// The S3 side of resumable uploads (see ./tus-stores.ts): @tus/s3-store kept to Chatterbox's keys.
import { type MetadataValue, S3Store } from "@tus/s3-store";
import { ERRORS, type KvStore } from "@tus/server";
import type { S3Config } from "../env";
import { isNotFound, s3ClientConfig } from "../media/s3-storage";

/**
 * S3Store keeps each upload's record in the memory of the node that read it; with several nodes that copy
 * goes stale (another node finishes or removes the upload) and is never dropped. So every request reads
 * the record from the bucket: a few small GETs per request of up to 8 MiB.
 */
const noCache: KvStore<MetadataValue> = { get: async () => undefined, set: async () => {}, delete: async () => {} };

/** S3Store, kept to the keys under `keyPrefix`, and able to remove a finished upload. */
export class UploadsS3Store extends S3Store {
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
