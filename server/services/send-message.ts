import { type ChatMessage, isFileType, type SendMessage, sharedLocationSchema } from "../../lib/contracts/messaging";
import { mentionedUsernames } from "../../lib/shared/mentions";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import type { AppendInput } from "../store/message-store";
import { messageFile } from "./media";
import { checkText } from "./message-text";
import { directConversationId, existingDirectConversationId } from "./open-direct-conversation";
import { relations } from "./privacy";
import { pushMessage } from "./push";
import { statusQuote } from "./status";

/**
 * Persists a message and only then hands it to the realtime layer. The client's id makes it idempotent:
 * a retry returns the stored original (duplicate: true) and notifies nobody again.
 */
export async function sendMessage(
  app: AppContext,
  senderId: string,
  input: SendMessage,
  /** The connection that sent it: it gets the message in its ack, so the push skips it. */
  origin?: string,
): Promise<{ message: ChatMessage; duplicate: boolean }> {
  const { id, to, conversationId, type = "text", text = "" } = input;
  checkText(text, type === "text");
  // Before the chat is opened: opening it would make the sender a contact of the status's poster.
  const status = input.statusId === undefined ? undefined : await statusQuote(app, senderId, input.statusId, to as string);
  // Before the chat is created too: a sender past the request budget opens no empty requests either.
  if (!conversationId) await app.limits.requestSends.check(senderId, () => toStranger(app, senderId, to as string));
  const target = conversationId ?? (await directConversationId(app, senderId, to as string));
  const carried = await attachmentOf(app, senderId, input);
  return storeAndPublish(
    app,
    {
      conversationId: target,
      senderId,
      clientId: id,
      type,
      text,
      ...carried,
      ...(status ? { status } : {}),
      mentions: mentionedUsernames(text),
      replyTo: input.replyTo,
    },
    origin,
  );
}

/**
 * Stores a checked message (membership and "only admins can send" are checked in the write transaction),
 * then pushes it to the members' sockets, and queues Web Push for their devices without one. Within the
 * sender's limits: all sends, and the stricter one on messages into a request a stranger hasn't accepted.
 */
export async function storeAndPublish(
  app: AppContext,
  input: AppendInput,
  origin?: string,
): Promise<{ message: ChatMessage; duplicate: boolean }> {
  const { store, publisher, metrics, log, limits } = app;
  await limits.sends.take(input.senderId);
  // Whether a send goes into a request is known once stored (the same read that checks membership), so
  // request sends are counted after the fact and the chat is looked up only for a sender who used them up.
  await limits.requestSends.check(input.senderId, () => intoRequest(app, input.senderId, input.conversationId));
  const { message, duplicate, memberIds, ticksMoved, consented, request } = await store.append(input);
  if (request && !duplicate) await limits.requestSends.spent(input.senderId);
  if (!duplicate) {
    metrics.messagesSent.inc();
    publisher.messageCreated(message, memberIds, ticksMoved, origin);
    pushMessage(app, message, memberIds);
    // A first reply is consent: the other person now sees me as a contact may (photo, about, presence).
    const other = consented ? memberIds.find((id) => id !== input.senderId) : undefined;
    if (other) void publisher.relationChanged(input.senderId, other).catch((err) => log.warn({ err }, "consent not announced"));
  }
  return { message, duplicate };
}

/** Whether `senderId`'s message to this chat goes into a request the other person hasn't accepted. */
async function intoRequest(app: AppContext, senderId: string, conversationId: string): Promise<boolean> {
  const { store } = app;
  if ((await store.conversation(conversationId))?.kind !== "direct") return false;
  const other = (await store.memberIds(conversationId)).find((id) => id !== senderId);
  return other !== undefined && Boolean((await relations(app, senderId, [other])).get(other)?.requestPending);
}

/** Whether a message to `otherId` would go into a request: into the pending one, or a new one to someone they share no chat or group with. */
export async function toStranger(app: AppContext, senderId: string, otherId: string): Promise<boolean> {
  const existing = await existingDirectConversationId(app, senderId, otherId);
  return existing ? intoRequest(app, senderId, existing) : !(await app.store.peersAmong(senderId, [otherId])).length;
}

/** The file, location or contact the message carries, checked: a file the sender may use, a user who exists. */
async function attachmentOf(app: AppContext, senderId: string, { type = "text", fileId, duration, location, contact }: SendMessage) {
  if (isFileType(type)) return { file: await messageFile(app, senderId, type, fileId as string, duration) };
  if (location) return { location: sharedLocationSchema.parse(location) };
  if (contact) {
    const user = await app.db.user.findUnique({ where: { id: contact.userId }, select: { id: true, displayName: true, username: true } });
    if (!user) throw new AppError("bad_request", "That contact doesn't exist", { field: "contact" });
    return { contact: { userId: user.id, displayName: user.displayName, username: user.username } };
  }
  return {};
}
