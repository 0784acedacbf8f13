import { syncMessages } from "../../services/read-messages";
import { reportReceipt } from "../../services/report-receipt";
import { sendMessage } from "../../services/send-message";
import type { On } from "./on";

export function registerMessagingHandlers(on: On): void {
  // One send at a time per socket: messages a client pipelines are stored in the order they arrived.
  on("message:send", (m, { userId, socketId }) => sendMessage(userId, m, socketId), { ordered: true });
  on("message:delivered", (r, { userId, socketId }) => reportReceipt(userId, "delivered", r, socketId));
  on("conversation:read", (r, { userId, socketId }) => reportReceipt(userId, "read", r, socketId));
  on("sync:request", (s, { userId }) => syncMessages(userId, s));
}
