import { keyChangesQuerySchema } from "@/lib/contracts/e2ee";
import { authedRoute, reply } from "@/server/http/route";
import { keyChanges } from "@/server/services/device-keys";

export const GET = authedRoute(async ({ app, req, caller }) => {
  const { from } = keyChangesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return reply("GET /api/v1/keys/changes", await keyChanges(app, caller, from));
});
