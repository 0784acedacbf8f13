import { authedRoute, reply } from "@/server/http/route";
import { removeMember } from "@/server/services/change-group";
import { getGroupInfo } from "@/server/services/group-info";

export const DELETE = authedRoute<{ id: string; userId: string }>(async ({ app, params, caller }) => {
  await removeMember(app, caller.userId, params.id, params.userId);
  return reply("DELETE /api/v1/groups/:id/members/:userId", await getGroupInfo(app, caller.userId, params.id));
});
