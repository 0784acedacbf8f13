import { readImageUpload } from "@/server/http/read-upload";
import { authedRoute, reply } from "@/server/http/route";
import { removeAvatar, setAvatar } from "@/server/services/avatar";

/** Multipart form with one field, `file`. */
export const PUT = authedRoute(async ({ app, req, caller }) =>
  reply("PUT /api/v1/users/me/avatar", await setAvatar(app, caller.userId, await readImageUpload(req, "avatar"))),
);

export const DELETE = authedRoute(async ({ app, caller }) =>
  reply("DELETE /api/v1/users/me/avatar", await removeAvatar(app, caller.userId)),
);
