import { authedRoute, json } from "@/server/http/route";
import { setBlocked } from "@/server/services/privacy";

/** Blocks the user (idempotent). */
export const PUT = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  json(await setBlocked(app, caller.userId, params.id, true)),
);

/** Unblocks the user (idempotent). */
export const DELETE = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  json(await setBlocked(app, caller.userId, params.id, false)),
);
