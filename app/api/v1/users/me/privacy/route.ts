import { updatePrivacySchema } from "@/lib/contracts/privacy";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { myPrivacy, updatePrivacy } from "@/server/services/privacy";

export const GET = authedRoute(async ({ caller }) => json(await myPrivacy(caller.userId)));

/** Any of the settings; the status lists replace the stored ones. */
export const PATCH = authedRoute(async ({ req, caller }) =>
  json(await updatePrivacy(caller.userId, await parseJson(req, updatePrivacySchema))),
);
