import { authedRoute, reply } from "@/server/http/route";
import { previewInvite } from "@/server/services/group-invites";

export const GET = authedRoute<{ code: string }>(async ({ app, params, caller }) =>
  reply("GET /api/v1/invites/:code", await previewInvite(app, caller.userId, params.code)),
);
