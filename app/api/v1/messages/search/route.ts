import { searchQuerySchema } from "@/lib/contracts/message-actions";
import { authedRoute, json } from "@/server/http/route";
import { search } from "@/server/services/search";

export const GET = authedRoute(async ({ app, req, caller }) =>
  json(await search(app, caller.userId, searchQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams)))),
);
