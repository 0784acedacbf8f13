// Resumable uploads as the app makes them (tus-js-client, in small chunks), cut off part-way as a dropped
// connection or a reload would, and resumed (on any server that knows the upload).
import * as tus from "tus-js-client";
import type { UploadedFile } from "../../lib/contracts/media";

const CHUNK = 64 * 1024;

const options = (token: string, metadata: Record<string, string>, extra: Partial<tus.UploadOptions>): tus.UploadOptions => ({
  chunkSize: CHUNK,
  metadata,
  headers: { authorization: `Bearer ${token}` },
  retryDelays: [],
  ...extra,
});

/** Starts uploading `bytes` to the server at `base` and stops once it took at least `stopAfter` of them; the upload's URL. */
export async function interruptedUpload(
  base: string,
  token: string,
  bytes: Buffer,
  metadata: Record<string, string>,
  stopAfter = 2 * CHUNK,
): Promise<string> {
  let upload: tus.Upload | undefined;
  await new Promise<void>((resolve, reject) => {
    upload = new tus.Upload(
      bytes,
      options(token, metadata, {
        endpoint: `${base}/api/v1/media/uploads`,
        onChunkComplete: (_size, accepted) => {
          if (accepted >= stopAfter) void upload?.abort().then(resolve);
        },
        onError: reject,
      }),
    );
    upload.start();
  });
  return upload?.url as string;
}

/**
 * Uploads `bytes` to the server at `base`, or resumes the upload at `uploadUrl`, to the end: the server's
 * answer, and the offset the client went on from.
 */
export async function completeUpload(
  at: { base: string } | { uploadUrl: string },
  token: string,
  bytes: Buffer,
  metadata: Record<string, string>,
): Promise<{ file: UploadedFile; resumedFrom: number }> {
  let resumedFrom = -1;
  const file = await new Promise<UploadedFile>((resolve, reject) => {
    new tus.Upload(
      bytes,
      options(token, metadata, {
        ...("base" in at ? { endpoint: `${at.base}/api/v1/media/uploads` } : { uploadUrl: at.uploadUrl }),
        onProgress: (sent) => {
          if (resumedFrom < 0) resumedFrom = sent;
        },
        onSuccess: ({ lastResponse }) => resolve(JSON.parse(lastResponse.getBody())),
        onError: reject,
      }),
    ).start();
  });
  return { file, resumedFrom };
}

/** How many bytes of the upload at `url` the server has (HEAD), or its status when it has none to tell. */
export async function uploadOffset(url: string, token: string): Promise<{ status: number; offset: number }> {
  const res = await fetch(url, { method: "HEAD", headers: { "Tus-Resumable": "1.0.0", authorization: `Bearer ${token}` } });
  return { status: res.status, offset: Number(res.headers.get("upload-offset")) };
}
