// Resumable uploads at /api/v1/media/uploads with the tus protocol (@tus/server): a dropped connection or
// a reloaded page continues from the last byte the server has. The parts land in DATA_DIR/media/uploads,
// or in the bucket when media is on object storage (./tus-stores.ts); the finished file goes through the
// same path as a one-shot upload (uploadMedia: size limit, type from the bytes, content-addressed
// storage) and the last PATCH answers with the same JSON as POST /api/v1/media. An upload nobody finishes
// is deleted after UPLOAD_EXPIRY_MS.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Server, type Upload } from "@tus/server";
import { type ErrorCode, errorStatus } from "../../lib/contracts/errors";
import { uploadEncryptedSchema, uploadKindSchema } from "../../lib/contracts/media";
import { authenticate, sessionCookieName } from "../auth/authenticate";
import { parseCookies } from "../auth/cookies";
import type { AppContext } from "../context";
import { AppError, isAppError } from "../errors";
import { tooLarge, uploadLimit, uploadMedia } from "../services/media";
import { createUploadStore } from "./tus-stores";

export const UPLOADS_PATH = "/api/v1/media/uploads";
const UPLOAD_EXPIRY_MS = 24 * 3_600_000;

/** tus aborts a request with whatever `{ status_code, body }` a hook throws: ours carry the API's error body. */
const tusError = (error: AppError) => ({ status_code: errorStatus[error.code], body: JSON.stringify({ error: error.toBody() }) });

const codeOfStatus = new Map<number, ErrorCode>(Object.entries(errorStatus).map(([code, status]) => [status, code as ErrorCode]));

/**
 * tus answers its own refusals (a missing Tus-Resumable, a wrong offset, an unknown upload) in plain text:
 * every error leaves here as the API's JSON error body, with tus's status (the protocol needs some, such
 * as 412 and 460, that the rest of the API doesn't use).
 */
class JsonErrorServer extends Server {
  override write(context: Parameters<Server["write"]>[0], headers: Headers, status: number, body = "") {
    if (status < 400 || body.startsWith("{")) return super.write(context, headers, status, body);
    headers.set("Content-Type", "application/json");
    const code = codeOfStatus.get(status) ?? (status < 500 ? "bad_request" : "internal");
    // tus's own words (English) when it gave some.
    const error = new AppError(code, body.trim() || { key: "errors.uploads.refused" });
    return super.write(context, headers, status, JSON.stringify({ error: error.toBody() }));
  }
}

export interface TusUploads {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Deletes the parts of uploads nobody finished in time. */
  cleanUp(): Promise<number>;
}

export async function createTusUploads(app: AppContext): Promise<TusUploads> {
  const { env, log } = app;
  const { datastore: store, naming, read } = await createUploadStore(env, UPLOAD_EXPIRY_MS);
  /** The signed-in caller of a tus request; cookie-authenticated writes must come from the app's origins. */
  const callerOf = async (req: Request) => {
    const cookie = parseCookies(req.headers.get("cookie") ?? undefined)[sessionCookieName(env.secureCookies)];
    const caller = await authenticate(app, req.headers.get("authorization"), cookie);
    if (!caller) throw tusError(new AppError("unauthorized", { key: "errors.auth.signInRequired" }));
    const origin = req.headers.get("origin");
    if (caller.via === "cookie" && req.method !== "HEAD" && req.method !== "OPTIONS" && (!origin || !env.allowedOrigins.includes(origin)))
      throw tusError(new AppError("forbidden", { key: "errors.http.crossSite" }));
    return caller;
  };
  const tus = new JsonErrorServer({
    path: UPLOADS_PATH,
    datastore: store,
    ...naming,
    maxSize: Math.max(env.mediaMaxBytes, env.documentMaxBytes),
    respectForwardedHeaders: env.trustProxy,
    // Every request after the first is about one upload: only its uploader may touch it.
    async onIncomingRequest(req, uploadId) {
      const caller = await callerOf(req);
      if (req.method === "POST") return;
      const upload = await store.getUpload(uploadId).catch(() => null);
      if (upload && upload.metadata?.uploaderId !== caller.userId)
        throw tusError(new AppError("not_found", { key: "errors.uploads.notFound" }));
    },
    async onUploadCreate(req, upload) {
      const caller = await callerOf(req);
      const kind = uploadKindSchema.safeParse(upload.metadata?.file_type);
      if (!kind.success) throw tusError(new AppError("bad_request", kind.error.issues[0].message, { field: "file_type" }));
      const encrypted = uploadEncryptedSchema.safeParse(upload.metadata?.encrypted ?? undefined);
      if (!encrypted.success) throw tusError(new AppError("bad_request", encrypted.error.issues[0].message, { field: "encrypted" }));
      if (upload.sizeIsDeferred) throw tusError(new AppError("bad_request", { key: "errors.uploads.lengthRequired" }, { field: "file" }));
      if (upload.size === 0) throw tusError(new AppError("bad_request", { key: "errors.uploads.empty" }, { field: "file" }));
      if ((upload.size ?? 0) > uploadLimit(app, kind.data)) throw tusError(tooLarge(app, kind.data));
      return { metadata: { ...upload.metadata, uploaderId: caller.userId } };
    },
    // tus's refusals and ours are `{ status_code, body }`; an Error is the disk or the bucket failing: it is
    // logged, and the client told no more than that (its message could name internal addresses).
    onResponseError(req, err) {
      if (!(err instanceof Error)) return undefined;
      log.error({ err, method: req.method }, "a resumable upload request failed");
      return tusError(new AppError("internal", { key: "errors.uploads.notStored" }));
    },
    async onUploadFinish(_req, upload) {
      const done = await finish(upload).finally(() =>
        store.remove(upload.id).catch((err) => log.warn({ err, uploadId: upload.id }, "could not delete a finished upload's parts")),
      );
      return { status_code: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify(done) };
    },
  });

  async function finish(upload: Upload) {
    const { uploaderId, file_type, filename, encrypted } = upload.metadata ?? {};
    const kind = uploadKindSchema.parse(file_type);
    try {
      return await uploadMedia(app, uploaderId as string, kind, filename ?? undefined, await read(upload.id), encrypted === "true");
    } catch (error) {
      if (isAppError(error)) throw tusError(error);
      log.error({ err: error, uploadId: upload.id }, "finishing a resumable upload failed");
      throw tusError(new AppError("internal", { key: "errors.uploads.notStored" }));
    }
  }

  return {
    handle: (req, res) => tus.handle(req, res),
    // Before the first upload there is no uploads folder yet, so nothing to clean up.
    cleanUp: () => tus.cleanUpExpiredUploads().catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? 0 : Promise.reject(err))),
  };
}

/** Whether a request is for the tus endpoint (the custom server hands those to it, not to Next). */
export const isUploadRequest = (url: string | undefined) => url === UPLOADS_PATH || Boolean(url?.startsWith(`${UPLOADS_PATH}/`));
