import { authedRoute, reply } from "@/server/http/route";
import { previewInvite } from "@/server/services/group-invites";

export const GET = authedRoute<{ code: string }>(async ({ params, caller }) =>
  reply("GET /api/v1/invites/:code", await previewInvite(caller.userId, params.code)),
);
