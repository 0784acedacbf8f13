import type { NextRequest } from "next/server";
import { AVATAR_MAX_BYTES, type ImageLabel, imageTooLarge } from "../../lib/contracts/users";
import { AppError } from "../errors";

/**
 * Reads one file field of a multipart form. Bodies declared larger than the limit are refused before
 * reading; the form parser then holds at most limit + a little for the multipart framing.
 */
export async function readUpload(req: NextRequest, field: string, maxBytes: number, tooLarge: string): Promise<Buffer | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes + 64 * 1024) throw new AppError("payload_too_large", tooLarge, { field });
  if (!req.headers.get("content-type")?.startsWith("multipart/form-data")) {
    throw new AppError("bad_request", "Send the file as multipart/form-data", { field });
  }
  const form = await req.formData().catch(() => {
    throw new AppError("bad_request", "The upload could not be read as a multipart form", { field });
  });
  const file = form.get(field);
  if (!(file instanceof File)) return null;
  if (file.size > maxBytes) throw new AppError("payload_too_large", tooLarge, { field });
  return Buffer.from(await file.arrayBuffer());
}

/** The `file` field of an avatar or group icon upload (400 when there is none, 413 when too large). */
export async function readImageUpload(req: NextRequest, label: ImageLabel): Promise<Buffer> {
  const file = await readUpload(req, "file", AVATAR_MAX_BYTES, imageTooLarge(label));
  if (!file) throw new AppError("bad_request", "Choose an image to upload", { field: "file" });
  return file;
}
