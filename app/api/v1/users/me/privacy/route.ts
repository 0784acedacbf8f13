import { updatePrivacySchema } from "@/lib/contracts/privacy";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { myPrivacy, updatePrivacy } from "@/server/services/privacy";

export const GET = authedRoute(async ({ app, caller }) => reply("GET /api/v1/users/me/privacy", await myPrivacy(app, caller.userId)));

/** Any of the settings; the status lists replace the stored ones. */
export const PATCH = authedRoute(async ({ app, req, caller }) =>
  reply("PATCH /api/v1/users/me/privacy", await updatePrivacy(app, caller.userId, await parseJson(req, updatePrivacySchema))),
);
