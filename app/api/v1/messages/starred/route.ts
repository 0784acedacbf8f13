import { authedRoute, reply } from "@/server/http/route";
import { starredMessages } from "@/server/services/message-actions";

/** My starred messages, most recently starred first. */
export const GET = authedRoute(async ({ app, caller }) =>
  reply("GET /api/v1/messages/starred", { starred: await starredMessages(app, caller.userId) }),
);
