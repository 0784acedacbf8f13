import { readImageUpload } from "@/server/http/read-upload";
import { authedRoute, json } from "@/server/http/route";
import { removeAvatar, setAvatar } from "@/server/services/avatar";

/** Multipart form with one field, `file`. */
export const PUT = authedRoute(async ({ req, caller }) => json(await setAvatar(caller.userId, await readImageUpload(req, "Avatar"))));

export const DELETE = authedRoute(async ({ caller }) => json(await removeAvatar(caller.userId)));
