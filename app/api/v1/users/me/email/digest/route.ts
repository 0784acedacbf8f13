import { setDigestSchema } from "@/lib/contracts/email";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { setDigest } from "@/server/services/email-address";

export const PUT = authedRoute(async ({ app, req, caller }) => {
  const { hours } = await parseJson(req, setDigestSchema);
  return json(await setDigest(app, caller.userId, hours));
});
