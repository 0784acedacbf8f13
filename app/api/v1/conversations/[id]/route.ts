import { chatSettingsSchema } from "@/lib/contracts/message-actions";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { updateChatSettings } from "@/server/services/chat-settings";
import { summarize } from "@/server/services/conversation-access";

export const GET = authedRoute<{ id: string }>(async ({ app, params, caller }) =>
  reply("GET /api/v1/conversations/:id", await summarize(app, params.id, caller.userId)),
);

/** My settings for the chat: { pinned?, archived?, mute? ("8h" | "1w" | "always" | null) }. */
export const PATCH = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  reply(
    "PATCH /api/v1/conversations/:id",
    await updateChatSettings(app, caller.userId, params.id, await parseJson(req, chatSettingsSchema)),
  ),
);
