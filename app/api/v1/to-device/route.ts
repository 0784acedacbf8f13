import { inboxQuerySchema } from "@/lib/contracts/e2ee";
import { authedRoute, reply } from "@/server/http/route";
import { readInbox } from "@/server/services/to-device";

export const GET = authedRoute(async ({ app, req, caller }) => {
  const { since } = inboxQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return reply("GET /api/v1/to-device", await readInbox(app, caller, since));
});
