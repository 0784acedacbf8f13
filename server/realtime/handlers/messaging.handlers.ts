import type { SendMessage, SendResult } from "../../../lib/contracts/messaging";
import { sendMessageSchema } from "../../../lib/contracts/messaging";
import type { AppContext } from "../../context";
import { invalidInput } from "../../errors";
import { syncMessages } from "../../services/read-messages";
import { reportReceipt } from "../../services/report-receipt";
import { sendMessage, sendMessages } from "../../services/send-message";
import type { On } from "./on";

export function registerMessagingHandlers(on: On, app: AppContext): void {
  // One send (or batch of sends) at a time per socket: messages a client pipelines are stored in the order they arrived.
  on("message:send", (m, { userId, socketId }) => sendMessage(app, userId, m, socketId), { ordered: true });
  on("message:send-batch", ({ messages }, { userId, socketId }) => sendBatch(app, userId, messages, socketId), { ordered: true });
  on("message:delivered", (r, { userId, socketId }) => reportReceipt(app, userId, "delivered", r, socketId));
  on("conversation:read", (r, { userId, socketId }) => reportReceipt(app, userId, "read", r, socketId));
  on("sync:request", (s, { userId }) => syncMessages(app, userId, s));
}

/** Each message of a batch is checked on its own: one that isn't a valid send is refused alone, the others go in order. */
async function sendBatch(app: AppContext, userId: string, items: SendMessage[], origin: string): Promise<SendResult[]> {
  const parsed = items.map((item) => sendMessageSchema.safeParse(item));
  const sent = await sendMessages(
    app,
    userId,
    parsed.flatMap((p) => (p.success ? [p.data] : [])),
    origin,
  );
  let next = 0;
  return parsed.map((p) => {
    return p.success ? sent[next++] : { ok: false, error: invalidInput(p.error) };
  });
}
