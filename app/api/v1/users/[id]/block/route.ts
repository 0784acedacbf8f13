import { authedRoute, reply } from "@/server/http/route";
import { setBlocked } from "@/server/services/privacy";

/** Blocks the user (idempotent). */
export const PUT = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  reply("PUT /api/v1/users/:id/block", await setBlocked(app, caller.userId, params.id, true)),
);

/** Unblocks the user (idempotent). */
export const DELETE = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  reply("DELETE /api/v1/users/:id/block", await setBlocked(app, caller.userId, params.id, false)),
);
