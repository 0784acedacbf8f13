import { authedRoute, reply } from "@/server/http/route";
import { setAdmin } from "@/server/services/change-group";

export const DELETE = authedRoute<{ id: string; userId: string }>(async ({ app, params, caller }) =>
  reply("DELETE /api/v1/groups/:id/admins/:userId", await setAdmin(app, caller.userId, params.id, params.userId, false)),
);
