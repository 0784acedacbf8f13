import type { NextRequest } from "next/server";
import { AVATAR_MAX_BYTES, type ImageLabel, imageTooLarge } from "../../lib/contracts/users";
import { AppError } from "../errors";
import { collect, receiveFile } from "./multipart";

/** The `file` field of an avatar or group icon upload (400 when there is none, 413 as soon as it passes the limit). */
export function readImageUpload(req: NextRequest, label: ImageLabel): Promise<Buffer> {
  return receiveFile(req, "file", { key: "errors.uploads.chooseImage" }, ({ stream }) =>
    collect(stream, AVATAR_MAX_BYTES, () => new AppError("payload_too_large", imageTooLarge(label), { field: "file" })),
  );
}
