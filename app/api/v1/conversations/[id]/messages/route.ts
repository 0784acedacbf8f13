import { historyQuerySchema } from "@/lib/contracts/messaging";
import { authedRoute, reply } from "@/server/http/route";
import { getHistory } from "@/server/services/read-messages";

export const GET = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  reply(
    "GET /api/v1/conversations/:id/messages",
    await getHistory(app, caller.userId, params.id, historyQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams))),
  ),
);
