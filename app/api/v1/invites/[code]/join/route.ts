import { authedRoute, reply } from "@/server/http/route";
import { joinByInvite } from "@/server/services/group-invites";

export const POST = authedRoute<{ code: string }>(async ({ params, caller }) =>
  reply("POST /api/v1/invites/:code/join", await joinByInvite(caller.userId, params.code)),
);
