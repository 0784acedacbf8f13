// Request bodies are bounded at the edge, so no request anyone can send costs the server more memory than
// its route can use. Two checks, one rule per route: the custom server refuses a declared length over the
// route's limit before the request reaches Next (`refuseOversizedBody`), and the readers of JSON and
// multipart bodies count the bytes as they stream (`readBodyText`, server/http/multipart.ts), for bodies
// sent without a length (chunked). A body a library reads whole (next-auth's sign-in form) must declare
// its length.
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { KEYS_BODY_MAX, TO_DEVICE_BODY_MAX } from "../../lib/contracts/e2ee";
import { AVATAR_MAX_BYTES } from "../../lib/contracts/users";
import { AppError } from "../errors";
import { isUploadRequest } from "./tus-uploads";

/**
 * The most bytes of any JSON body: the largest, a 4,096-character message, is at most 48 KiB even with
 * every character escaped as JSON's \uXXXX (8,192 UTF-16 code units of 6 bytes).
 */
export const JSON_BODY_MAX = 64 * 1024;

/** Room for a multipart form's framing and its small fields around the file. */
export const MULTIPART_FRAMING_BYTES = 64 * 1024;

/** How long a refused body is still read (and dropped) so the client sees the answer, before the connection is closed. */
const LINGER_MS = 10_000;

const bodyTooLarge = (max: number) =>
  new AppError("payload_too_large", { key: "errors.http.bodyTooLarge", values: { kib: Math.round(max / 1024) } }, { field: "body" });

/**
 * The most bytes a request to `pathname` may declare (multipart uploads also count what they stream).
 */
function declaredBodyLimit(pathname: string, uploadMaxBytes: number): number {
  // tus checks each upload's declared length (Upload-Length) against the kind's limit itself.
  if (isUploadRequest(pathname)) return Number.POSITIVE_INFINITY;
  if (pathname === "/api/v1/media") return uploadMaxBytes + MULTIPART_FRAMING_BYTES;
  if (pathname === "/api/v1/users/me/avatar" || /^\/api\/v1\/groups\/[^/]+\/avatar$/.test(pathname))
    return AVATAR_MAX_BYTES + MULTIPART_FRAMING_BYTES;
  if (pathname.startsWith("/api/v1/to-device/")) return TO_DEVICE_BODY_MAX;
  if (pathname.startsWith("/api/v1/keys/")) return KEYS_BODY_MAX;
  return JSON_BODY_MAX;
}

/**
 * Why a request's body can't be taken, before anything reads it: a declared length over the route's limit
 * (413), or a body of unknown length (chunked) where a library would read it whole (411). Our own routes
 * under /api/v1 count what they read, so they take chunked bodies.
 */
export function bodyRefusal(req: IncomingMessage, pathname: string, uploadMaxBytes: number): AppError | null {
  const declared = req.headers["content-length"];
  if (declared !== undefined) {
    const limit = declaredBodyLimit(pathname, uploadMaxBytes);
    return Number(declared) > limit ? bodyTooLarge(limit) : null;
  }
  if (req.headers["transfer-encoding"] !== undefined && !pathname.startsWith("/api/v1/")) {
    return new AppError("length_required", { key: "errors.http.lengthRequired" }, { field: "body" });
  }
  return null;
}

/**
 * Reads the rest of a refused body and drops it, so the client gets the answer before the connection
 * closes (closing with unread bytes would reset it and lose the answer); after LINGER_MS it is closed anyway.
 */
export function lingerThenClose(body: Readable): void {
  body.removeAllListeners("data");
  body.on("error", () => {});
  const stop = setTimeout(() => body.destroy(), LINGER_MS);
  stop.unref();
  body.once("close", () => clearTimeout(stop));
  body.resume();
}

/** A request body as a Node stream (empty when there is none). */
export const nodeStream = (body: ReadableStream<Uint8Array> | null): Readable =>
  body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);

/** The body as UTF-8 text, at most `max` bytes (413 past them, 400 when it isn't UTF-8). */
export function readBodyText(body: ReadableStream<Uint8Array> | null, max: number): Promise<string> {
  const stream = nodeStream(body);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      lingerThenClose(stream);
      reject(bodyTooLarge(max));
    });
    stream.on("error", reject);
    stream.on("end", () => {
      try {
        resolve(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new AppError("bad_request", { key: "errors.http.bodyNotUtf8" }, { field: "body" }));
      }
    });
  });
}
