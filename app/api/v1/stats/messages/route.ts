import { messageStatsQuerySchema } from "@/lib/contracts/system";
import { authedRoute, json } from "@/server/http/route";
import { messageStats } from "@/server/services/message-stats";

export const GET = authedRoute(async ({ app, req, caller }) =>
  json(await messageStats(app, caller.userId, messageStatsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams)))),
);
