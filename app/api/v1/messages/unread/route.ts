import { unreadQuerySchema } from "@/lib/contracts/messaging";
import { authedRoute, reply } from "@/server/http/route";
import { getUndelivered } from "@/server/services/read-messages";

export const GET = authedRoute(async ({ app, req, caller }) => {
  const { limit } = unreadQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return reply("GET /api/v1/messages/unread", { messages: await getUndelivered(app, caller.userId, limit) });
});
