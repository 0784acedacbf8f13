import { KEYS_BODY_MAX, keysClaimSchema } from "@/lib/contracts/e2ee";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { claimKeys } from "@/server/services/device-keys";

export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/keys/claim", await claimKeys(app, caller, await parseJson(req, keysClaimSchema, KEYS_BODY_MAX))),
);
