import type { Ack } from "../../../lib/contracts/errors";
import {
  receiptReportSchema,
  type SendResult,
  sendMessageBatchSchema,
  sendMessageSchema,
  syncRequestSchema,
} from "../../../lib/contracts/messaging";
import type { AppContext } from "../../context";
import { syncMessages } from "../../services/read-messages";
import { reportReceipt } from "../../services/report-receipt";
import { sendMessage, sendMessages } from "../../services/send-message";
import type { AppSocket } from "../io";
import { acked } from "./ack";

export function registerMessagingHandlers(socket: AppSocket, app: AppContext): void {
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
  socket.on("message:send", inTurn(acked(app, socket, "message:send", sendMessageSchema, (m) => sendMessage(app, userId, m, socket.id))));
  socket.on(
    "message:send-batch",
    inTurn(acked(app, socket, "message:send-batch", sendMessageBatchSchema, ({ messages }) => sendBatch(app, userId, messages, socket.id))),
  );
  socket.on(
    "message:delivered",
    acked(app, socket, "message:delivered", receiptReportSchema, (r) => reportReceipt(app, userId, "delivered", r, socket.id)),
  );
  socket.on(
    "conversation:read",
    acked(app, socket, "conversation:read", receiptReportSchema, (r) => reportReceipt(app, userId, "read", r, socket.id)),
  );
  socket.on(
    "sync:request",
    acked(app, socket, "sync:request", syncRequestSchema, (s) => syncMessages(app, userId, s)),
  );
}

/** Each message of a batch is checked on its own: one that isn't a valid send is refused alone, the others go in order. */
async function sendBatch(app: AppContext, userId: string, items: unknown[], origin: string): Promise<SendResult[]> {
  const parsed = items.map((item) => sendMessageSchema.safeParse(item));
  const sent = await sendMessages(
    app,
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
