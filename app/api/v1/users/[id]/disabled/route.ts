import { authedRoute, reply } from "@/server/http/route";
import { setDisabled } from "@/server/services/admins";

/** Admins: disables the account (signed out everywhere, can't sign in). */
export const PUT = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  reply("PUT /api/v1/users/:id/disabled", await setDisabled(app, caller.userId, params.id, true)),
);

/** Admins: enables the account again. */
export const DELETE = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  reply("DELETE /api/v1/users/:id/disabled", await setDisabled(app, caller.userId, params.id, false)),
);
