import { authedRoute, reply } from "@/server/http/route";
import { setDisabled } from "@/server/services/admins";

/** Admins: disables the account (signed out everywhere, can't sign in). */
export const PUT = authedRoute<{ id: string }>(async ({ caller, params }) =>
  reply("PUT /api/v1/users/:id/disabled", await setDisabled(caller.userId, params.id, true)),
);

/** Admins: enables the account again. */
export const DELETE = authedRoute<{ id: string }>(async ({ caller, params }) =>
  reply("DELETE /api/v1/users/:id/disabled", await setDisabled(caller.userId, params.id, false)),
);
