import { KEYS_BODY_MAX, keysQuerySchema } from "@/lib/contracts/e2ee";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { queryKeys } from "@/server/services/device-keys";

export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/keys/query", await queryKeys(app, caller, await parseJson(req, keysQuerySchema, KEYS_BODY_MAX))),
);
