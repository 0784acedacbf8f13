import { messageStatsQuerySchema } from "@/lib/contracts/system";
import { authedRoute, json } from "@/server/http/route";
import { messageStats } from "@/server/services/message-stats";

export const GET = authedRoute(async ({ req, caller }) =>
  json(await messageStats(caller.userId, messageStatsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams)))),
);
