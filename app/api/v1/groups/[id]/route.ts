import { updateGroupSchema } from "@/lib/contracts/groups";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { updateGroup } from "@/server/services/change-group";
import { getGroupInfo } from "@/server/services/group-info";

export const GET = authedRoute<{ id: string }>(async ({ app, params, caller }) => json(await getGroupInfo(app, caller.userId, params.id)));

export const PATCH = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  json(await updateGroup(app, caller.userId, params.id, await parseJson(req, updateGroupSchema))),
);
