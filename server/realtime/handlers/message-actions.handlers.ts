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
import type { AppContext } from "../../context";
import { setDisappearing, updateChatSettings } from "../../services/chat-settings";
import { forwardMessage } from "../../services/forward-message";
import { deleteForEveryone, deleteForMe, editMessage, pinMessage, reactToMessage, starMessage } from "../../services/message-actions";
import type { AppSocket } from "../io";
import { acked } from "./ack";

/** Message actions and chat settings over Socket.IO: the same services as the REST routes. */
export function registerMessageActionHandlers(socket: AppSocket, app: AppContext): void {
  const { userId } = socket.data;
  socket.on(
    "message:edit",
    acked(app, socket, "message:edit", editMessageCommandSchema, ({ text, ...ref }) => editMessage(app, userId, ref, text)),
  );
  socket.on(
    "message:delete",
    acked(
      app,
      socket,
      "message:delete",
      deleteMessageCommandSchema,
      ({ for: scope, ...ref }): Promise<MessageUpdate | FlagUpdate> =>
        scope === "me" ? deleteForMe(app, userId, ref, socket.id) : deleteForEveryone(app, userId, ref),
    ),
  );
  socket.on(
    "message:react",
    acked(app, socket, "message:react", reactCommandSchema, ({ emoji, ...ref }) => reactToMessage(app, userId, ref, emoji)),
  );
  socket.on(
    "message:star",
    acked(app, socket, "message:star", starCommandSchema, ({ starred, ...ref }) => starMessage(app, userId, ref, starred, socket.id)),
  );
  socket.on(
    "message:pin",
    acked(app, socket, "message:pin", pinMessageCommandSchema, ({ pinned, ...ref }) => pinMessage(app, userId, ref, pinned)),
  );
  socket.on(
    "message:forward",
    acked(app, socket, "message:forward", forwardSchema, (f) => forwardMessage(app, userId, f, socket.id)),
  );
  socket.on(
    "conversation:settings",
    acked(app, socket, "conversation:settings", chatSettingsCommandSchema, ({ conversationId, ...settings }) =>
      updateChatSettings(app, userId, conversationId, settings),
    ),
  );
  socket.on(
    "conversation:disappearing",
    acked(app, socket, "conversation:disappearing", disappearingCommandSchema, ({ conversationId, seconds }) =>
      setDisappearing(app, userId, conversationId, seconds),
    ),
  );
}
