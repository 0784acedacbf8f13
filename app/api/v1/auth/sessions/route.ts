import { revokeSessions } from "@/server/auth/sessions";
import { authedRoute, json } from "@/server/http/route";

/** Signs the caller out of every device: all browser sessions and API tokens. */
export const DELETE = authedRoute(async ({ app, caller }) => json({ revoked: await revokeSessions(app, { userId: caller.userId }) }));
