import { authedRoute, json } from "@/server/http/route";
import { joinByInvite } from "@/server/services/group-invites";

export const POST = authedRoute<{ code: string }>(async ({ app, params, caller }) =>
  json(await joinByInvite(app, caller.userId, params.code)),
);
