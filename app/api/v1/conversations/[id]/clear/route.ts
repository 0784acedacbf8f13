import { clearChatSchema } from "@/lib/contracts/message-actions";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { clearChat } from "@/server/services/chat-settings";

/** Clear chat, or Delete chat: { upTo (the last seq I saw), deleteChat? }. */
export const POST = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  reply("POST /api/v1/conversations/:id/clear", await clearChat(app, caller.userId, params.id, await parseJson(req, clearChatSchema))),
);
