import type { Ack } from "../../../lib/contracts/errors";
import {
  receiptReportSchema,
  type SendResult,
  sendMessageBatchSchema,
  sendMessageSchema,
  syncRequestSchema,
} from "../../../lib/contracts/messaging";
import { syncMessages } from "../../services/read-messages";
import { reportReceipt } from "../../services/report-receipt";
import { sendMessage, sendMessages } from "../../services/send-message";
import type { AppSocket } from "../io";
import { acked } from "./ack";

export function registerMessagingHandlers(socket: AppSocket): void {
  const { userId } = socket.data;
  // One send (or batch of sends) at a time per socket: messages a client pipelines are stored in the order they arrived.
  let previous = Promise.resolve();
  const inTurn =
    <T>(run: (payload: unknown, ack: ((result: Ack<T>) => void) | undefined, receivedAt: number) => Promise<void>) =>
    (payload: unknown, ack?: (result: Ack<T>) => void) => {
      // Its latency counts from arrival, so waiting behind this socket's earlier sends is included.
      const receivedAt = performance.now();
      previous = previous.then(() => run(payload, ack, receivedAt));
    };
  socket.on("message:send", inTurn(acked(socket, "message:send", sendMessageSchema, (m) => sendMessage(userId, m, socket.id))));
  socket.on(
    "message:send-batch",
    inTurn(acked(socket, "message:send-batch", sendMessageBatchSchema, ({ messages }) => sendBatch(userId, messages, socket.id))),
  );
  socket.on(
    "message:delivered",
    acked(socket, "message:delivered", receiptReportSchema, (r) => reportReceipt(userId, "delivered", r, socket.id)),
  );
  socket.on(
    "conversation:read",
    acked(socket, "conversation:read", receiptReportSchema, (r) => reportReceipt(userId, "read", r, socket.id)),
  );
  socket.on(
    "sync:request",
    acked(socket, "sync:request", syncRequestSchema, (s) => syncMessages(userId, s)),
  );
}

/** Each message of a batch is checked on its own: one that isn't a valid send is refused alone, the others go in order. */
async function sendBatch(userId: string, items: unknown[], origin: string): Promise<SendResult[]> {
  const parsed = items.map((item) => sendMessageSchema.safeParse(item));
  const sent = await sendMessages(
    userId,
    parsed.flatMap((p) => (p.success ? [p.data] : [])),
    origin,
  );
  let next = 0;
  return parsed.map((p) => {
    if (p.success) return sent[next++];
    const issue = p.error.issues[0];
    return { ok: false, error: { code: "bad_request", message: issue.message, field: issue.path.join(".") || undefined } };
  });
}
