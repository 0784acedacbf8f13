import {
  chatSettingsCommandSchema,
  deleteMessageCommandSchema,
  disappearingCommandSchema,
  editMessageCommandSchema,
  type FlagUpdate,
  forwardSchema,
  type MessageUpdate,
  pinMessageCommandSchema,
  reactCommandSchema,
  starCommandSchema,
} from "../../../lib/contracts/message-actions";
import { ctx } from "../../context";
import { setDisappearing, updateChatSettings } from "../../services/chat-settings";
import { forwardMessage } from "../../services/forward-message";
import { deleteForEveryone, deleteForMe, editMessage, pinMessage, reactToMessage, starMessage } from "../../services/message-actions";
import type { AppSocket } from "../io";
import { acked } from "./ack";

/** Message actions and chat settings over Socket.IO: the same services as the REST routes. */
export function registerMessageActionHandlers(socket: AppSocket): void {
  const { userId } = socket.data;
  socket.on(
    "message:edit",
    acked(socket, "message:edit", editMessageCommandSchema, ({ text, ...ref }) => editMessage(ctx(), userId, ref, text)),
  );
  socket.on(
    "message:delete",
    acked(
      socket,
      "message:delete",
      deleteMessageCommandSchema,
      ({ for: scope, ...ref }): Promise<MessageUpdate | FlagUpdate> =>
        scope === "me" ? deleteForMe(ctx(), userId, ref, socket.id) : deleteForEveryone(ctx(), userId, ref),
    ),
  );
  socket.on(
    "message:react",
    acked(socket, "message:react", reactCommandSchema, ({ emoji, ...ref }) => reactToMessage(ctx(), userId, ref, emoji)),
  );
  socket.on(
    "message:star",
    acked(socket, "message:star", starCommandSchema, ({ starred, ...ref }) => starMessage(ctx(), userId, ref, starred, socket.id)),
  );
  socket.on(
    "message:pin",
    acked(socket, "message:pin", pinMessageCommandSchema, ({ pinned, ...ref }) => pinMessage(ctx(), userId, ref, pinned)),
  );
  socket.on(
    "message:forward",
    acked(socket, "message:forward", forwardSchema, (f) => forwardMessage(ctx(), userId, f, socket.id)),
  );
  socket.on(
    "conversation:settings",
    acked(socket, "conversation:settings", chatSettingsCommandSchema, ({ conversationId, ...settings }) =>
      updateChatSettings(ctx(), userId, conversationId, settings),
    ),
  );
  socket.on(
    "conversation:disappearing",
    acked(socket, "conversation:disappearing", disappearingCommandSchema, ({ conversationId, seconds }) =>
      setDisappearing(ctx(), userId, conversationId, seconds),
    ),
  );
}
