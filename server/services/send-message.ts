import { linkPreviewSchema } from "../../lib/contracts/link-preview";
import {
  type ChatMessage,
  isFileType,
  refusedForGood,
  type SendMessage,
  type SendResult,
  sharedLocationSchema,
} from "../../lib/contracts/messaging";
import { mentionedUsernames } from "../../lib/shared/mentions";
import type { AppContext } from "../context";
import { AppError, isAppError } from "../errors";
import type { AppendInput, AppendResult } from "../store/message-types";
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
  return storeAndPublish(app, await checkedInput(app, senderId, input), origin);
}

/**
 * Sends messages in order, as many sendMessage would be, in one write batch: each is checked in turn
 * (text, chat, attachment, limits), then all that passed are stored together, in order. A message refused
 * for good doesn't stop the ones after it; one that failed for a reason a retry can fix (a limit, a server
 * error) answers the ones after it with the same error, unsent, so the sender's retry keeps the order.
 */
export async function sendMessages(app: AppContext, senderId: string, inputs: SendMessage[], origin?: string): Promise<SendResult[]> {
  const admitted: (AppendInput | AppError)[] = [];
  let holdBack: AppError | undefined;
  for (const input of inputs) {
    if (holdBack) {
      admitted.push(holdBack);
      continue;
    }
    try {
      const append = await checkedInput(app, senderId, input);
      await admit(app, append);
      admitted.push(append);
    } catch (error) {
      const refusal = asAppError(app, error);
      if (!refusedForGood(refusal.code)) holdBack = refusal;
      admitted.push(refusal);
    }
  }
  // One write for the batch: stored in this order, and all or none, so a write that fails (the database
  // restarting, say) can't let a later message in before an earlier one the client will resend.
  const stored = await app.store
    .appendAll(admitted.filter((a): a is AppendInput => !isAppError(a)))
    .catch((error: unknown) => asAppError(app, error));
  let next = 0;
  return Promise.all(
    admitted.map(async (a): Promise<SendResult> => {
      const result = isAppError(a) ? a : isAppError(stored) ? stored : stored[next++];
      if (isAppError(result)) return { ok: false, error: result.toBody() };
      try {
        return { ok: true, data: await announce(app, a as AppendInput, result, origin) };
      } catch (error) {
        return { ok: false, error: asAppError(app, error).toBody() };
      }
    }),
  );
}

/** A send checked and resolved to what the store appends: the chat (opened for `to`), the attachment, the quote. */
async function checkedInput(app: AppContext, senderId: string, input: SendMessage): Promise<AppendInput> {
  const { id, to, conversationId, type = "text", text = "" } = input;
  checkText(text, type === "text");
  // Before the chat is opened: opening it would make the sender a contact of the status's poster.
  const status = input.statusId === undefined ? undefined : await statusQuote(app, senderId, input.statusId, to as string);
  // Before the chat is created too: a sender past the request budget opens no empty requests either.
  if (!conversationId) await app.limits.requestSends.check(senderId, () => toStranger(app, senderId, to as string));
  const target = conversationId ?? (await directConversationId(app, senderId, to as string));
  const carried = await attachmentOf(app, senderId, input);
  return {
    conversationId: target,
    senderId,
    clientId: id,
    type,
    text,
    ...carried,
    ...(status ? { status } : {}),
    ...(input.linkPreview ? { linkPreview: linkPreviewSchema.parse(input.linkPreview) } : {}),
    ...(input.encrypted ? { encrypted: input.encrypted, mentionIds: input.mentions ?? [] } : {}),
    mentions: mentionedUsernames(text),
    replyTo: input.replyTo,
    ...(input.forwards ? { forwards: input.forwards } : {}),
  };
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
  await admit(app, input);
  return publishStored(app, input, origin);
}

/** Takes the send from the sender's limits: all sends, and the stricter one on messages into a request a stranger hasn't accepted. */
async function admit(app: AppContext, input: AppendInput): Promise<void> {
  const { limits } = app;
  await limits.sends.take(input.senderId);
  // Whether a send goes into a request is known once stored (the same read that checks membership), so
  // request sends are counted after the fact and the chat is looked up only for a sender who used them up.
  await limits.requestSends.check(input.senderId, () => intoRequest(app, input.senderId, input.conversationId));
}

/** Stores an admitted send and tells the others. Submits it to the write queue before its first await. */
async function publishStored(app: AppContext, input: AppendInput, origin?: string): Promise<{ message: ChatMessage; duplicate: boolean }> {
  return announce(app, input, await app.store.append(input), origin);
}

/** Tells the members (and the sender's other devices) of a stored send, and counts a message request. */
async function announce(
  app: AppContext,
  input: AppendInput,
  { message, duplicate, memberIds, ticksMoved, consented, request, encryptionStarted }: AppendResult,
  origin?: string,
): Promise<{ message: ChatMessage; duplicate: boolean }> {
  const { publisher, metrics, log, limits } = app;
  if (request && !duplicate) await limits.requestSends.spent(input.senderId);
  if (!duplicate) {
    metrics.messagesSent.inc();
    publisher.messageCreated(message, memberIds, ticksMoved, origin);
    // From now on every member's app sends to this chat encrypted, and shows it as end-to-end encrypted.
    if (encryptionStarted)
      void publisher.conversationUpdated(message.conversationId, memberIds).catch((err) => log.warn({ err }, "encryption not announced"));
    pushMessage(app, message, memberIds);
    // A first reply is consent: the other person now sees me as a contact may (photo, about, presence).
    const other = consented ? memberIds.find((id) => id !== input.senderId) : undefined;
    if (other) void publisher.relationChanged(input.senderId, other).catch((err) => log.warn({ err }, "consent not announced"));
  }
  return { message, duplicate };
}

/** What a failed send answers: its refusal, or "internal" for anything unexpected (logged). */
function asAppError(app: AppContext, error: unknown): AppError {
  if (isAppError(error)) return error;
  app.log.error({ err: error }, "a send in a batch failed");
  return new AppError("internal", { key: "errors.server.failed" });
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
  // An encrypted message's file: the server checks the sender may use it and keeps its id (for access and deletion).
  if (type === "encrypted" && fileId) return { file: await messageFile(app, senderId, null, fileId, duration) };
  if (location) return { location: sharedLocationSchema.parse(location) };
  if (contact) {
    const user = await app.db.user.findUnique({ where: { id: contact.userId }, select: { id: true, displayName: true, username: true } });
    if (!user) throw new AppError("bad_request", { key: "errors.messages.noSuchContact" }, { field: "contact" });
    return { contact: { userId: user.id, displayName: user.displayName, username: user.username } };
  }
  return {};
}
