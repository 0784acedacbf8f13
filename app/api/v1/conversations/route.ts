import { openDirectSchema } from "@/lib/contracts/messaging";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { openDirectConversation } from "@/server/services/open-direct-conversation";
import { listConversations } from "@/server/services/read-messages";

export const GET = authedRoute(async ({ app, caller }) =>
  reply("GET /api/v1/conversations", { conversations: await listConversations(app, caller.userId) }),
);

/** Opens (creating on first use) the direct conversation with another user. */
export const POST = authedRoute(async ({ app, req, caller }) => {
  const { userId } = await parseJson(req, openDirectSchema);
  return reply("POST /api/v1/conversations", await openDirectConversation(app, caller.userId, userId));
});
