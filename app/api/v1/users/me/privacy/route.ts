import { updatePrivacySchema } from "@/lib/contracts/privacy";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { myPrivacy, updatePrivacy } from "@/server/services/privacy";

export const GET = authedRoute(async ({ app, caller }) => json(await myPrivacy(app, caller.userId)));

/** Any of the settings; the status lists replace the stored ones. */
export const PATCH = authedRoute(async ({ app, req, caller }) =>
  json(await updatePrivacy(app, caller.userId, await parseJson(req, updatePrivacySchema))),
);
