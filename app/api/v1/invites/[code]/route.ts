import { authedRoute, json } from "@/server/http/route";
import { previewInvite } from "@/server/services/group-invites";

export const GET = authedRoute<{ code: string }>(async ({ params, caller }) => json(await previewInvite(caller.userId, params.code)));
