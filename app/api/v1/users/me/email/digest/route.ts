import { setDigestSchema } from "@/lib/contracts/email";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { setDigest } from "@/server/services/email-address";

export const PUT = authedRoute(async ({ app, req, caller }) => {
  const { hours } = await parseJson(req, setDigestSchema);
  return reply("PUT /api/v1/users/me/email/digest", await setDigest(app, caller.userId, hours));
});
