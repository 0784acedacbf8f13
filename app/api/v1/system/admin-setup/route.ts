import { adminSetupSchema } from "@/lib/contracts/system";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { adminSetupNeeded, redeemSetupToken } from "@/server/services/admins";

/** Whether the server has no admin yet (Settings › Security then offers the setup token form). */
export const GET = authedRoute(async () => reply("GET /api/v1/system/admin-setup", { needed: await adminSetupNeeded() }));

/** Makes the caller the first admin with the setup token from the server's log (only while there is none). */
export const POST = authedRoute(async ({ req, caller }) =>
  reply("POST /api/v1/system/admin-setup", await redeemSetupToken(caller.userId, (await parseJson(req, adminSetupSchema)).token)),
);
