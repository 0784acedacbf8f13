import { changePasswordSchema } from "@/lib/contracts/auth";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { changePassword } from "@/server/services/change-password";

/** Changes my password; every other session of mine is signed out, this one stays. */
export const PUT = authedRoute(async ({ app, req, caller, ip }) =>
  json(
    await changePassword(app, { userId: caller.userId, sessionId: caller.sessionId, ip, ...(await parseJson(req, changePasswordSchema)) }),
  ),
);
