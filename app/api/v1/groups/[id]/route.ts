import { updateGroupSchema } from "@/lib/contracts/groups";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { updateGroup } from "@/server/services/change-group";
import { getGroupInfo } from "@/server/services/group-info";

export const GET = authedRoute<{ id: string }>(async ({ app, params, caller }) =>
  reply("GET /api/v1/groups/:id", await getGroupInfo(app, caller.userId, params.id)),
);

export const PATCH = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  reply("PATCH /api/v1/groups/:id", await updateGroup(app, caller.userId, params.id, await parseJson(req, updateGroupSchema))),
);
