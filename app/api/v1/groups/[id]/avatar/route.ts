import { imageResponse } from "@/server/http/image-response";
import { readImageUpload } from "@/server/http/read-upload";
import { authedRoute, reply } from "@/server/http/route";
import { getGroupAvatar, removeGroupAvatar, setGroupAvatar } from "@/server/services/group-avatar";

export const GET = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  imageResponse(req, await getGroupAvatar(app, caller.userId, params.id)),
);

/** Multipart form with one field, `file`. */
export const PUT = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  reply("PUT /api/v1/groups/:id/avatar", await setGroupAvatar(app, caller.userId, params.id, await readImageUpload(req, "groupIcon"))),
);

export const DELETE = authedRoute<{ id: string }>(async ({ app, params, caller }) =>
  reply("DELETE /api/v1/groups/:id/avatar", await removeGroupAvatar(app, caller.userId, params.id)),
);
