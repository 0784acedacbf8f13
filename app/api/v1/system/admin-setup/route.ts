import { adminSetupSchema } from "@/lib/contracts/system";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { redeemSetupToken } from "@/server/services/admins";

/** Makes the caller the first admin with the setup token from the server's log (only while there is none). */
export const POST = authedRoute(async ({ req, caller }) =>
  json(await redeemSetupToken(caller.userId, (await parseJson(req, adminSetupSchema)).token)),
);
