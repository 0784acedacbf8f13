import { KEYS_BODY_MAX, keysUploadSchema } from "@/lib/contracts/e2ee";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { uploadKeys } from "@/server/services/device-keys";

export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/keys/upload", await uploadKeys(app, caller, await parseJson(req, keysUploadSchema, KEYS_BODY_MAX))),
);
