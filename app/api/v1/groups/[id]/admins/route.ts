import { memberTargetSchema } from "@/lib/contracts/groups";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { setAdmin } from "@/server/services/change-group";

export const POST = authedRoute<{ id: string }>(async ({ app, req, params, caller }) => {
  const { userId } = await parseJson(req, memberTargetSchema);
  return reply("POST /api/v1/groups/:id/admins", await setAdmin(app, caller.userId, params.id, userId, true));
});
