import { authedRoute, json } from "@/server/http/route";
import { previewInvite } from "@/server/services/group-invites";

export const GET = authedRoute<{ code: string }>(async ({ app, params, caller }) =>
  json(await previewInvite(app, caller.userId, params.code)),
);
