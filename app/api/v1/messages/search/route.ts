import { searchQuerySchema } from "@/lib/contracts/message-actions";
import { authedRoute, reply } from "@/server/http/route";
import { search } from "@/server/services/search";

export const GET = authedRoute(async ({ app, req, caller }) =>
  reply(
    "GET /api/v1/messages/search",
    await search(app, caller.userId, searchQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams))),
  ),
);
