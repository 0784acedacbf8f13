import { authedRoute, reply } from "@/server/http/route";
import { setAdmin } from "@/server/services/admins";

export const PUT = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  reply("PUT /api/v1/users/:id/admin", await setAdmin(app, caller.userId, params.id, true)),
);

export const DELETE = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  reply("DELETE /api/v1/users/:id/admin", await setAdmin(app, caller.userId, params.id, false)),
);
