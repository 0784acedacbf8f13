// Streams a media upload (multipart/form-data: `file_type`, then `file`) straight into the media service:
// the body is never held whole, and it is refused as soon as it is known to be too large: from its
// declared length once `file_type` is known, or when the bytes pass the limit.
import { PassThrough, Readable } from "node:stream";
import busboy from "busboy";
import type { NextRequest } from "next/server";
import { type UploadedFile, uploadKindSchema } from "../../lib/contracts/media";
import { AppError } from "../errors";
import { tooLarge, uploadLimit, uploadMedia } from "../services/media";

/** Room for the multipart framing and the small fields around the file. */
const FRAMING_BYTES = 64 * 1024;

export async function receiveMediaUpload(req: NextRequest, uploaderId: string): Promise<UploadedFile> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !req.body) {
    throw new AppError("bad_request", "Send the file as multipart/form-data with the fields file_type and file", { field: "file" });
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  const form = busboy({
    headers: { "content-type": contentType },
    defParamCharset: "utf8",
    limits: { files: 1, fields: 4, fieldSize: 1024 },
  });
  const body = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  return new Promise<UploadedFile>((resolve, reject) => {
    let kind: string | undefined;
    let started = false;
    const fail = (error: unknown) => {
      // The rest of the body is read and dropped (not stored), so the connection stays usable.
      body.unpipe(form);
      body.resume();
      reject(error);
    };
    form.on("field", (name, value) => {
      if (name === "file_type") kind = value;
    });
    form.on("file", (name, stream, info) => {
      if (name !== "file" || started) return void stream.resume();
      started = true;
      const parsed = uploadKindSchema.safeParse(kind);
      if (!parsed.success) {
        stream.resume();
        return fail(
          new AppError("bad_request", kind === undefined ? "Send file_type before file in the form" : parsed.error.issues[0].message, {
            field: "file_type",
          }),
        );
      }
      if (declared > uploadLimit(parsed.data) + FRAMING_BYTES) {
        stream.resume();
        return fail(tooLarge(parsed.data));
      }
      // busboy's own stream is passed on through a PassThrough so an early refusal can end it cleanly.
      const bytes = stream.pipe(new PassThrough());
      uploadMedia(uploaderId, parsed.data, info.filename, bytes).then(resolve, fail);
    });
    form.on("error", () => fail(new AppError("bad_request", "The upload could not be read as a multipart form", { field: "file" })));
    form.on("close", () => {
      if (!started) fail(new AppError("bad_request", "Choose a file to upload", { field: "file" }));
    });
    body.on("error", (error) => fail(error));
    body.pipe(form);
  });
}
