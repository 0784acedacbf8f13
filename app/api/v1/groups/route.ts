import { createGroupSchema } from "@/lib/contracts/groups";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { createGroup } from "@/server/services/create-group";

export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/groups", await createGroup(app, caller.userId, await parseJson(req, createGroupSchema)), 201),
);
