import { updateGroupSchema } from "@/lib/contracts/groups";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { updateGroup } from "@/server/services/change-group";
import { getGroupInfo } from "@/server/services/group-info";

export const GET = authedRoute<{ id: string }>(async ({ params, caller }) => json(await getGroupInfo(caller.userId, params.id)));

export const PATCH = authedRoute<{ id: string }>(async ({ req, params, caller }) =>
  json(await updateGroup(caller.userId, params.id, await parseJson(req, updateGroupSchema))),
);
