// Media on S3-compatible object storage (AWS S3, MinIO, Garage, Ceph RGW), through the official AWS SDK, so
// nodes on several machines share media without a shared disk. Keys are the local disk's paths under the
// configured prefix: `<S3_PREFIX>media/ab/cd/<sha256>`. An object appears whole when its PUT completes, so
// the bytes are spooled to a local temporary file first (hashed and inspected there, see ./storage.ts) and
// only then uploaded under their final key: a reader never sees half a file, and none is left behind by an
// upload that fails or breaks off.
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import type { S3Config } from "../env";
import { type Inspect, type MediaStorage, SHA256, type StoredBlob, shardedName, spool } from "./storage";

/** Connections to the bucket one client keeps open at most. */
const MAX_CONNECTIONS = 1024;

/** The SDK's client settings for `config`, shared by media storage and resumable uploads. */
export function s3ClientConfig(config: S3Config): S3ClientConfig {
  return {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    forcePathStyle: config.forcePathStyle,
    // A download holds its connection to the bucket for as long as its client takes to read it: the SDK's
    // default of 50 would make every other upload and download wait behind 50 slow phones.
    requestHandler: { httpAgent: { maxSockets: MAX_CONNECTIONS }, httpsAgent: { maxSockets: MAX_CONNECTIONS } },
    // Checksums only where S3 requires them: newer SDKs otherwise send CRC32 trailers with every upload,
    // which not every S3-compatible service understands (and TLS already guards the bytes on the way).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  };
}

/** A client of the bucket `config` names. */
export const s3Client = (config: S3Config) => new S3Client(s3ClientConfig(config));

/** S3's 404 answers: NoSuchKey from GetObject, NotFound from HeadObject (no body), NoSuchUpload. */
export const isNotFound = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode === 404;

export class S3Storage implements MediaStorage {
  /**
   * `keyPrefix` is put before every key (e.g. "chatterbox/media/"); `tmpDir` is a local folder for the
   * bytes on their way in.
   */
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly keyPrefix: string,
    private readonly tmpDir: string,
  ) {}

  put(source: Readable, maxBytes: number, inspect?: Inspect): Promise<StoredBlob> {
    return spool(source, maxBytes, this.tmpDir, async ({ file, sha256, size }) => {
      await inspect?.(file);
      if ((await this.size(sha256)) !== null) return { sha256, size, created: false };
      // Two uploads of the same bytes may both get here: the second PUT replaces identical bytes.
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256), Body: createReadStream(file), ContentLength: size }),
      );
      return { sha256, size, created: true };
    });
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable | null> {
    if (!SHA256.test(sha256)) return null;
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256), Range: range && `bytes=${range.start}-${range.end}` }),
      );
      // In Node the SDK's body is the HTTP response itself: the bytes stream through, never held whole.
      return Body as Readable;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async size(sha256: string): Promise<number | null> {
    if (!SHA256.test(sha256)) return null;
    try {
      const { ContentLength } = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return ContentLength ?? null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async remove(sha256: string): Promise<void> {
    // Deleting a key that isn't there succeeds: S3's DELETE is idempotent.
    if (SHA256.test(sha256)) await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
  }

  private keyOf(sha256: string): string {
    return `${this.keyPrefix}${shardedName(sha256)}`;
  }
}
