import { AVATAR_MAX_BYTES } from "@/lib/contracts/users";
import { AppError } from "@/server/errors";
import { readUpload } from "@/server/http/read-upload";
import { authedRoute, json } from "@/server/http/route";
import { removeAvatar, setAvatar } from "@/server/services/avatar";

/** Multipart form with one field, `file`. */
export const PUT = authedRoute(async ({ req, caller }) => {
  const file = await readUpload(req, "file", AVATAR_MAX_BYTES, "Avatar images must be at most 5 MB");
  if (!file) throw new AppError("bad_request", "Choose an image to upload", { field: "file" });
  return json(await setAvatar(caller.userId, file));
});

export const DELETE = authedRoute(async ({ caller }) => json(await removeAvatar(caller.userId)));
