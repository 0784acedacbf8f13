import { mentionedUsernames } from "../../lib/client/mentions";
import { type ChatMessage, MESSAGE_TEXT_MAX, type SendMessage } from "../../lib/contracts/messaging";
import { ctx } from "../context";
import { AppError } from "../errors";
import { directConversationId } from "./open-direct-conversation";

/**
 * Persists a message and only then hands it to the realtime layer. The client's id makes it idempotent:
 * a retry returns the stored original (duplicate: true) and notifies nobody again.
 */
export async function sendMessage(
  senderId: string,
  { id, to, conversationId, text }: SendMessage,
  /** The connection that sent it: it gets the message in its ack, so the push skips it. */
  origin?: string,
): Promise<{ message: ChatMessage; duplicate: boolean }> {
  if (!text.trim()) throw new AppError("bad_request", "Message text can't be empty", { field: "text" });
  // NUL and unpaired surrogates can't be stored faithfully (PostgreSQL refuses NUL outright).
  if (text.includes("\u0000") || !text.isWellFormed()) {
    throw new AppError("bad_request", "Message text contains characters that can't be stored", { field: "text" });
  }
  if ([...text].length > MESSAGE_TEXT_MAX) {
    throw new AppError("payload_too_large", `Messages can be at most ${MESSAGE_TEXT_MAX.toLocaleString("en")} characters`, {
      field: "text",
    });
  }
  const target = conversationId ?? (await directConversationId(senderId, to as string));
  const { store, publisher, metrics } = ctx();
  // Membership and "only admins can send" are checked in the write transaction itself (see store.appendIn).
  const { message, duplicate, memberIds, ticksMoved } = await store.append({
    conversationId: target,
    senderId,
    clientId: id,
    text,
    mentions: mentionedUsernames(text),
  });
  if (!duplicate) {
    metrics.messagesSent.inc();
    publisher.messageCreated(message, memberIds, ticksMoved, origin);
  }
  return { message, duplicate };
}
