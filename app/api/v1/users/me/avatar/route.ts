import { readImageUpload } from "@/server/http/read-upload";
import { authedRoute, json } from "@/server/http/route";
import { removeAvatar, setAvatar } from "@/server/services/avatar";

/** Multipart form with one field, `file`. */
export const PUT = authedRoute(async ({ app, req, caller }) =>
  json(await setAvatar(app, caller.userId, await readImageUpload(req, "Avatar"))),
);

export const DELETE = authedRoute(async ({ app, caller }) => json(await removeAvatar(app, caller.userId)));
