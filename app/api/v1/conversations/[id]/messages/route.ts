import { historyQuerySchema } from "@/lib/contracts/messaging";
import { authedRoute, json } from "@/server/http/route";
import { getHistory } from "@/server/services/read-messages";

export const GET = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  json(await getHistory(app, caller.userId, params.id, historyQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams)))),
);
