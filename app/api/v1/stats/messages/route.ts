import { messageStatsQuerySchema } from "@/lib/contracts/system";
import { authedRoute, reply } from "@/server/http/route";
import { messageStats } from "@/server/services/message-stats";

export const GET = authedRoute(async ({ app, req, caller }) =>
  reply(
    "GET /api/v1/stats/messages",
    await messageStats(app, caller.userId, messageStatsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams))),
  ),
);
