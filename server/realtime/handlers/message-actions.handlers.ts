import type { AppContext } from "../../context";
import { clearChat, setDisappearing, updateChatSettings } from "../../services/chat-settings";
import { forwardMessage } from "../../services/forward-message";
import { deleteForEveryone, deleteForMe, editMessage, pinMessage, reactToMessage, starMessage } from "../../services/message-actions";
import type { On } from "./on";

/** Message actions and chat settings over Socket.IO: the same services as the REST routes. */
export function registerMessageActionHandlers(on: On, app: AppContext): void {
  on("message:edit", ({ conversationId, seq, ...edit }, { userId }) => editMessage(app, userId, { conversationId, seq }, edit));
  on("message:delete", ({ for: scope, ...ref }, { userId, socketId }) =>
    scope === "me" ? deleteForMe(app, userId, ref, socketId) : deleteForEveryone(app, userId, ref),
  );
  on("message:react", ({ conversationId, seq, ...reaction }, { userId }) => reactToMessage(app, userId, { conversationId, seq }, reaction));
  on("message:star", ({ starred, ...ref }, { userId, socketId }) => starMessage(app, userId, ref, starred, socketId));
  on("message:pin", ({ pinned, ...ref }, { userId }) => pinMessage(app, userId, ref, pinned));
  on("message:forward", (f, { userId, socketId }) => forwardMessage(app, userId, f, socketId));
  on("conversation:settings", ({ conversationId, ...settings }, { userId }) => updateChatSettings(app, userId, conversationId, settings));
  on("conversation:disappearing", ({ conversationId, seconds }, { userId }) => setDisappearing(app, userId, conversationId, seconds));
  on("conversation:clear", ({ conversationId, ...clear }, { userId }) => clearChat(app, userId, conversationId, clear));
}
