import { authedRoute, json } from "@/server/http/route";
import { joinByInvite } from "@/server/services/group-invites";

export const POST = authedRoute<{ code: string }>(async ({ params, caller }) => json(await joinByInvite(caller.userId, params.code)));
