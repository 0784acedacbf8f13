// Where media bytes live, from the environment: S3-compatible object storage when S3_BUCKET is set (nodes
// on several machines then share it), else the local disk under DATA_DIR/media.
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { Env } from "../env";
import { S3Storage, s3ClientConfig } from "./s3-storage";
import { LocalDiskStorage, type MediaStorage } from "./storage";

export function createMediaStorage(env: Pick<Env, "dataDir" | "s3">): MediaStorage {
  const root = path.join(env.dataDir, "media");
  if (!env.s3) return new LocalDiskStorage(root);
  // Bytes on their way in still pass through a local temporary file (see ./s3-storage.ts).
  return new S3Storage(new S3Client(s3ClientConfig(env.s3)), env.s3.bucket, `${env.s3.prefix}media/`, path.join(root, "tmp"));
}
