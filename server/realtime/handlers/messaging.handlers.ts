import { receiptReportSchema, sendMessageSchema, syncRequestSchema } from "../../../lib/contracts/messaging";
import { ctx } from "../../context";
import { syncMessages } from "../../services/read-messages";
import { reportReceipt } from "../../services/report-receipt";
import { sendMessage } from "../../services/send-message";
import type { AppSocket } from "../io";
import { acked } from "./ack";

export function registerMessagingHandlers(socket: AppSocket): void {
  const { userId } = socket.data;
  // One send at a time per socket: messages a client pipelines are stored in the order they arrived.
  const send = acked(socket, "message:send", sendMessageSchema, (m) => sendMessage(ctx(), userId, m, socket.id));
  let previous = Promise.resolve();
  socket.on("message:send", (payload, ack) => {
    // Its latency counts from arrival, so waiting behind this socket's earlier sends is included.
    const receivedAt = performance.now();
    previous = previous.then(() => send(payload, ack, receivedAt));
  });
  socket.on(
    "message:delivered",
    acked(socket, "message:delivered", receiptReportSchema, (r) => reportReceipt(ctx(), userId, "delivered", r, socket.id)),
  );
  socket.on(
    "conversation:read",
    acked(socket, "conversation:read", receiptReportSchema, (r) => reportReceipt(ctx(), userId, "read", r, socket.id)),
  );
  socket.on(
    "sync:request",
    acked(socket, "sync:request", syncRequestSchema, (s) => syncMessages(ctx(), userId, s)),
  );
}
