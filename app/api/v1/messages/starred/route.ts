import { authedRoute, json } from "@/server/http/route";
import { starredMessages } from "@/server/services/message-actions";

/** My starred messages, most recently starred first. */
export const GET = authedRoute(async ({ app, caller }) => json({ starred: await starredMessages(app, caller.userId) }));
