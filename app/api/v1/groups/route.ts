import { createGroupSchema } from "@/lib/contracts/groups";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { createGroup } from "@/server/services/create-group";

export const POST = authedRoute(async ({ app, req, caller }) =>
  json(await createGroup(app, caller.userId, await parseJson(req, createGroupSchema)), 201),
);
