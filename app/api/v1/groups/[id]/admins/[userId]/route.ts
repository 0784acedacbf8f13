import { authedRoute, json } from "@/server/http/route";
import { setAdmin } from "@/server/services/change-group";

export const DELETE = authedRoute<{ id: string; userId: string }>(async ({ app, params, caller }) =>
  json(await setAdmin(app, caller.userId, params.id, params.userId, false)),
);
