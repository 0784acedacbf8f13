// One file field of a multipart/form-data body, streamed: the small fields before it are collected, the
// file goes to the route's handler as a stream, and the body is never held whole. A failure (a refusal by
// the handler, a broken form) drops the rest of the body without keeping it (see lingerThenClose).
import { PassThrough, type Readable } from "node:stream";
import busboy from "busboy";
import type { NextRequest } from "next/server";
import { AppError, type ErrorText } from "../errors";
import { lingerThenClose, nodeStream } from "./body-limits";

export interface IncomingFile {
  /** The file's bytes. */
  stream: Readable;
  /** The name the sender gave it, if any. */
  filename: string | undefined;
  /** The form's fields sent before the file. */
  fields: Record<string, string>;
}

/**
 * Hands the `field` file of the form to `take`. 400 when the body isn't a multipart form, or has no such
 * file (`missing`); what `take` throws is the answer.
 */
export function receiveFile<T>(req: NextRequest, field: string, missing: ErrorText, take: (file: IncomingFile) => Promise<T>): Promise<T> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !req.body) {
    return Promise.reject(new AppError("bad_request", { key: "errors.uploads.notMultipart" }, { field }));
  }
  let form: busboy.Busboy;
  try {
    form = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8", limits: { files: 1, fields: 4, fieldSize: 1024 } });
  } catch {
    return Promise.reject(new AppError("bad_request", { key: "errors.uploads.unreadableForm" }, { field }));
  }
  const body = nodeStream(req.body);
  return new Promise<T>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let started = false;
    const fail = (error: unknown) => {
      body.unpipe(form);
      lingerThenClose(body);
      reject(error);
    };
    form.on("field", (name, value) => {
      fields[name] = value;
    });
    form.on("file", (name, stream, info) => {
      if (name !== field || started) return void stream.resume();
      started = true;
      // busboy's own stream is passed on through a PassThrough so an early refusal can end it cleanly.
      take({ stream: stream.pipe(new PassThrough()), filename: info.filename, fields }).then(resolve, (error) => {
        stream.resume();
        fail(error);
      });
    });
    form.on("error", () => fail(new AppError("bad_request", { key: "errors.uploads.unreadableForm" }, { field })));
    form.on("close", () => {
      if (!started) fail(new AppError("bad_request", missing, { field }));
    });
    body.on("error", (error) => fail(error));
    body.pipe(form);
  });
}

/** All of a file stream, at most `max` bytes (`tooLarge` past them, as soon as they pass). */
export async function collect(stream: Readable, max: number, tooLarge: () => AppError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
