// Where media bytes live, from the environment: S3-compatible object storage when S3_BUCKET is set (nodes
// on several machines then share it), else the local disk under DATA_DIR/media. The AWS SDK is loaded only
// then (it adds about 28 MiB to a process that doesn't use it).
import path from "node:path";
import type { Env } from "../env";
import { LocalDiskStorage, type MediaStorage } from "./storage";

export async function createMediaStorage(env: Pick<Env, "dataDir" | "s3">): Promise<MediaStorage> {
  const root = path.join(env.dataDir, "media");
  if (!env.s3) return new LocalDiskStorage(root);
  const { S3Storage, s3Client } = await import("./s3-storage");
  // Bytes on their way in still pass through a local temporary file (see ./s3-storage.ts).
  return new S3Storage(s3Client(env.s3), env.s3.bucket, `${env.s3.prefix}media/`, path.join(root, "tmp"));
}
