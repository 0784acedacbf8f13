import { adminSetupSchema } from "@/lib/contracts/system";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { adminSetupNeeded, redeemSetupToken } from "@/server/services/admins";

/** Whether the server has no admin yet (Settings › Security then offers the setup token form). */
export const GET = authedRoute(async ({ app }) => reply("GET /api/v1/system/admin-setup", { needed: await adminSetupNeeded(app) }));

/** Makes the caller the first admin with the setup token from the server's log (only while there is none). */
export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/system/admin-setup", await redeemSetupToken(app, caller.userId, (await parseJson(req, adminSetupSchema)).token)),
);
