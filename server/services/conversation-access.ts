import type { ConversationSummary } from "../../lib/contracts/messaging";
import { ctx } from "../context";
import { AppError } from "../errors";
import { publicUserSelect, toPublicUser } from "./public-user";

/** Member ids of a conversation the caller belongs to; anyone else gets the same 404 as for a missing one. */
export async function membersFor(conversationId: string, userId: string): Promise<string[]> {
  const members = await ctx().store.memberIds(conversationId);
  if (!members.includes(userId)) throw new AppError("not_found", "Conversation not found");
  return members;
}

/** The conversation as `userId` sees it: the other person, last message, unread count and everyone's receipts. */
export async function summarize(conversationId: string, userId: string): Promise<ConversationSummary> {
  const { store, db } = ctx();
  const members = await membersFor(conversationId, userId);
  const [conversation, [lastMessage], unreadCount, receipts] = await Promise.all([
    store.conversation(conversationId),
    store.messagesBefore(conversationId, null, 1),
    store.unreadCount(conversationId, userId),
    store.receipts(conversationId),
  ]);
  if (!conversation) throw new AppError("not_found", "Conversation not found");
  const peerId = members.find((id) => id !== userId) ?? userId;
  const peer = await db.user.findUnique({ where: { id: peerId }, select: publicUserSelect });
  if (!peer) throw new AppError("not_found", "Conversation not found");
  return {
    id: conversation.id,
    kind: "direct",
    peer: toPublicUser(peer),
    lastSeq: conversation.lastSeq,
    lastMessage: lastMessage ?? null,
    unreadCount,
    receipts,
    createdAt: conversation.createdAt,
    lastMessageAt: conversation.lastMessageAt,
  };
}
