// Streams a media upload (multipart/form-data: `file_type` and `encrypted`, then `file`) straight into the media service:
// the body is never held whole, and it is refused as soon as it is known to be too large: from its
// declared length once `file_type` is known, or when the bytes pass the limit.
import type { NextRequest } from "next/server";
import { type UploadedFile, uploadEncryptedSchema, uploadKindSchema } from "../../lib/contracts/media";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { tooLarge, uploadLimit, uploadMedia } from "../services/media";
import { MULTIPART_FRAMING_BYTES } from "./body-limits";
import { receiveFile } from "./multipart";

export function receiveMediaUpload(app: AppContext, req: NextRequest, uploaderId: string): Promise<UploadedFile> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  return receiveFile(req, "file", { key: "errors.uploads.chooseFile" }, async ({ stream, filename, fields }) => {
    const kind = uploadKindSchema.safeParse(fields.file_type);
    if (!kind.success) {
      // A file_type that isn't a kind gets the schema's own message (lib/contracts/media.ts).
      const message = fields.file_type === undefined ? ({ key: "errors.uploads.fileTypeFirst" } as const) : kind.error.issues[0].message;
      throw new AppError("bad_request", message, { field: "file_type" });
    }
    const encrypted = uploadEncryptedSchema.safeParse(fields.encrypted);
    if (!encrypted.success) throw new AppError("bad_request", encrypted.error.issues[0].message, { field: "encrypted" });
    if (declared > uploadLimit(app, kind.data) + MULTIPART_FRAMING_BYTES) throw tooLarge(app, kind.data);
    return uploadMedia(app, uploaderId, kind.data, filename, stream, encrypted.data === "true");
  });
}
