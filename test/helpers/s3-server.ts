// A real S3-compatible server for tests: s3rver (S3's REST API over a folder), on a free loopback port,
// with one bucket. s3rver has no ListParts, AbortMultipartUpload or ListMultipartUploads, which
// @tus/s3-store needs to resume, remove and expire uploads: they are added here, answered from s3rver's
// own record of each multipart upload (a folder per upload id holding its key and its numbered parts) in
// the shape S3 documents.
import { mkdtempSync } from "node:fs";
import { readdir, readFile, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver, { type S3rverMiddleware } from "s3rver";

export interface TestS3 {
  readonly bucket: string;
  /** The environment that puts a server's media in this bucket, under `prefix` (S3_PREFIX). */
  env(prefix?: string): Record<string, string>;
  readonly client: S3Client;
  /** The keys of the objects under `prefix`. */
  keys(prefix?: string): Promise<string[]>;
  /** The keys of the multipart uploads in progress under `prefix`. */
  multipartUploads(prefix?: string): Promise<string[]>;
  /** Makes the multipart uploads in progress look begun `ms` earlier than they were. */
  backdateUploads(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** s3rver's default account. */
const ACCESS_KEY = "S3RVER";

export async function startS3(bucket = "chatterbox-media"): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), "cbx-s3-"));
  const uploadsDir = path.join(directory, bucket, "._S3rver_uploads");
  const server = new S3rver({ port: 0, address: "127.0.0.1", directory, silent: true, configureBuckets: [{ name: bucket }] });
  // Before the router (the last middleware), after the one that writes object bodies as XML.
  server.middleware.splice(server.middleware.length - 1, 0, multipartExtras(bucket, uploadsDir));
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
  });
  const uploads = async () =>
    Promise.all(
      (await readdir(uploadsDir).catch(() => [])).map(async (id) => ({
        id,
        keyFile: path.join(uploadsDir, id, "key"),
        key: await readFile(path.join(uploadsDir, id, "key"), "utf8"),
      })),
    );
  return {
    bucket,
    client,
    env: (prefix = "") => ({
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: ACCESS_KEY,
      ...(prefix ? { S3_PREFIX: prefix } : {}),
    }),
    async keys(prefix = "") {
      const { Contents } = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (Contents ?? []).map((object) => object.Key as string).sort();
    },
    async multipartUploads(prefix = "") {
      return (await uploads()).map((upload) => upload.key).filter((key) => key.startsWith(prefix));
    },
    async backdateUploads(ms) {
      for (const { keyFile } of await uploads()) {
        const { mtime } = await stat(keyFile);
        const earlier = new Date(mtime.getTime() - ms);
        await utimes(keyFile, earlier, earlier);
      }
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** ListParts, AbortMultipartUpload and ListMultipartUploads over s3rver's upload folders (no paging: tests have few). */
function multipartExtras(bucket: string, uploadsDir: string): S3rverMiddleware {
  const noSuchUpload = { Error: { Code: "NoSuchUpload", Message: "The specified multipart upload does not exist." } };
  return async (ctx, next) => {
    const [, inBucket, ...keyParts] = ctx.path.split("/");
    const key = decodeURIComponent(keyParts.join("/"));
    const uploadId = typeof ctx.query.uploadId === "string" ? ctx.query.uploadId : null;
    if (inBucket !== bucket) return next();
    if (key && uploadId && (ctx.method === "GET" || ctx.method === "DELETE")) {
      const dir = path.join(uploadsDir, path.basename(uploadId));
      const names = await readdir(dir).catch(() => null);
      if (!names) {
        ctx.status = 404;
        ctx.body = noSuchUpload;
        return;
      }
      if (ctx.method === "DELETE") {
        await rm(dir, { recursive: true, force: true });
        ctx.status = 204;
        ctx.body = null;
        return;
      }
      const numbers = names.filter((name) => /^\d+$/.test(name)).map(Number);
      const parts = await Promise.all(
        numbers
          .sort((a, b) => a - b)
          .map(async (n) => {
            const info = await stat(path.join(dir, String(n)));
            const md5 = await readFile(path.join(dir, `${n}.md5`), "utf8");
            return { PartNumber: n, LastModified: info.mtime.toISOString(), ETag: `"${md5}"`, Size: info.size };
          }),
      );
      ctx.body = { ListPartsResult: { Bucket: bucket, Key: key, UploadId: uploadId, IsTruncated: false, Part: parts } };
      return;
    }
    if (!key && ctx.method === "GET" && "uploads" in ctx.query) {
      const prefix = typeof ctx.query.prefix === "string" ? ctx.query.prefix : "";
      const found = await Promise.all(
        (await readdir(uploadsDir).catch(() => [])).map(async (id) => {
          const keyFile = path.join(uploadsDir, id, "key");
          return { Key: await readFile(keyFile, "utf8"), UploadId: id, Initiated: (await stat(keyFile)).mtime.toISOString() };
        }),
      );
      const upload = found.filter((u) => u.Key.startsWith(prefix));
      ctx.body = { ListMultipartUploadsResult: { Bucket: bucket, Prefix: prefix, IsTruncated: false, Upload: upload } };
      return;
    }
    return next();
  };
}
