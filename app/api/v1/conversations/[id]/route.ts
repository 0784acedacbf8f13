import { chatSettingsSchema } from "@/lib/contracts/message-actions";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { updateChatSettings } from "@/server/services/chat-settings";
import { summarize } from "@/server/services/conversation-access";

export const GET = authedRoute<{ id: string }>(async ({ app, params, caller }) => json(await summarize(app, params.id, caller.userId)));

/** My settings for the chat: { pinned?, archived?, mute? ("8h" | "1w" | "always" | null) }. */
export const PATCH = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  json(await updateChatSettings(app, caller.userId, params.id, await parseJson(req, chatSettingsSchema))),
);
