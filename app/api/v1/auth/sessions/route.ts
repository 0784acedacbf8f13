import { revokeSessions } from "@/server/auth/sessions";
import { authedRoute, reply } from "@/server/http/route";

/** Signs the caller out of every device: all browser sessions and API tokens. */
export const DELETE = authedRoute(async ({ app, caller }) =>
  reply("DELETE /api/v1/auth/sessions", { revoked: await revokeSessions(app, { userId: caller.userId }) }),
);
