import { authedRoute, reply } from "@/server/http/route";
import { joinByInvite } from "@/server/services/group-invites";

export const POST = authedRoute<{ code: string }>(async ({ app, params, caller }) =>
  reply("POST /api/v1/invites/:code/join", await joinByInvite(app, caller.userId, params.code)),
);
