// Forwarding: copies of a message sent to other chats, marked with how many times the content has been
// forwarded along its chain. A file is not copied: the copies carry the same stored upload.
import { FORWARD_TARGETS_MAX, type ForwardCommand } from "../../lib/contracts/message-actions";
import { type ChatMessage, FORWARDED_MANY } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { messageIn } from "../store/message-sql";
import { readableBy } from "./conversation-access";
import { directConversationId } from "./open-direct-conversation";
import { storeAndPublish, toStranger } from "./send-message";

/**
 * Sends a copy of `from` to each target (up to FORWARD_TARGETS_MAX chats; one once it was forwarded
 * FORWARDED_MANY times: 422 beyond). Each copy's client id makes its retry idempotent.
 */
export async function forwardMessage(
  app: AppContext,
  userId: string,
  { from, targets }: ForwardCommand,
  origin?: string,
): Promise<{ messages: ChatMessage[] }> {
  const { window } = await readableBy(app, from.conversationId, userId);
  const visible = from.seq > window.from && from.seq <= window.to;
  const source = visible ? await messageIn(app.store.reader, from.conversationId, from.seq, userId) : null;
  if (!source) throw new AppError("not_found", { key: "errors.messages.notFound" });
  if (source.type === "system" || source.type === "deleted") throw new AppError("bad_request", { key: "errors.messages.cantForward" });
  // The server can't read it to copy it: the app decrypts it and sends it on as new encrypted messages,
  // with the forward count inside.
  if (source.type === "encrypted") throw new AppError("bad_request", { key: "errors.messages.forwardEncrypted" });
  const forwards = (source.forwards ?? 0) + 1;
  const limit = (source.forwards ?? 0) >= FORWARDED_MANY ? 1 : FORWARD_TARGETS_MAX;
  if (targets.length > limit)
    throw new AppError(
      "unprocessable",
      limit === 1
        ? { key: "errors.messages.forwardedManyTimes" }
        : { key: "errors.messages.forwardLimit", values: { limit: FORWARD_TARGETS_MAX } },
      { field: "targets" },
    );
  // A sender past the message-request budget opens no new (empty) requests by forwarding either.
  for (const { to } of targets) if (to !== undefined) await app.limits.requestSends.check(userId, () => toStranger(app, userId, to));
  const conversationIds = await Promise.all(targets.map((t) => t.conversationId ?? directConversationId(app, userId, t.to as string)));
  if (new Set(conversationIds).size < conversationIds.length)
    throw new AppError("bad_request", { key: "errors.messages.forwardDuplicateChat" }, { field: "targets" });
  const messages: ChatMessage[] = [];
  for (const [i, target] of targets.entries()) {
    const { message } = await storeAndPublish(
      app,
      {
        conversationId: conversationIds[i],
        senderId: userId,
        clientId: target.id,
        type: source.type,
        text: source.text,
        file: source.file,
        location: source.location,
        contact: source.contact,
        linkPreview: source.linkPreview,
        forwards,
      },
      origin,
    );
    messages.push(message);
  }
  return { messages };
}
