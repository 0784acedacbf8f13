import { authedRoute, json } from "@/server/http/route";
import { setAdmin } from "@/server/services/admins";

export const PUT = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  json(await setAdmin(app, caller.userId, params.id, true)),
);

export const DELETE = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  json(await setAdmin(app, caller.userId, params.id, false)),
);
