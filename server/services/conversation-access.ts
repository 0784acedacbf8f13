import type { ConversationSummary } from "../../lib/contracts/messaging";
import { ctx } from "../context";
import { AppError } from "../errors";
import type { Membership, SeqWindow } from "../store/message-store";
import { publicUserSelect, toPublicUser } from "./public-user";

const notFound = () => new AppError("not_found", "Conversation not found");

/** Current member ids of a conversation the caller belongs to now; anyone else gets the same 404 as for a missing one. */
export async function membersFor(conversationId: string, userId: string): Promise<string[]> {
  const members = await ctx().store.memberIds(conversationId);
  if (!members.includes(userId)) throw notFound();
  return members;
}

/** What a member, current or past, may read: from when they joined to when they left. */
export async function readableBy(conversationId: string, userId: string): Promise<{ membership: Membership; window: SeqWindow }> {
  const membership = await ctx().store.membership(conversationId, userId);
  if (!membership) throw notFound();
  return { membership, window: { from: membership.joinedSeq, to: membership.leftSeq ?? 2_147_483_647 } };
}

/** The conversation as `userId` sees it: the other person or the group, last message, unread count and the current members' receipts. */
export async function summarize(conversationId: string, userId: string): Promise<ConversationSummary> {
  const { store, db } = ctx();
  const { membership, window } = await readableBy(conversationId, userId);
  const [conversation, [lastMessage], unread, receipts] = await Promise.all([
    store.conversation(conversationId),
    store.messagesBefore(conversationId, null, 1, window),
    store.unread(conversationId, userId),
    store.receipts(conversationId),
  ]);
  if (!conversation) throw notFound();
  const base = {
    id: conversation.id,
    lastSeq: Math.min(conversation.lastSeq, window.to),
    lastMessage: lastMessage ?? null,
    unreadCount: unread.count,
    unreadMentions: unread.mentions,
    receipts,
    createdAt: conversation.createdAt,
    lastMessageAt: conversation.lastMessageAt,
  };
  if (conversation.kind === "group") {
    const group = {
      name: conversation.name ?? "",
      description: conversation.description,
      memberCount: receipts.length,
      myRole: membership.leftSeq === null ? membership.role : null,
      onlyAdminsSend: conversation.onlyAdminsSend,
      onlyAdminsEdit: conversation.onlyAdminsEdit,
    };
    return { ...base, kind: "group", peer: null, group };
  }
  const peerId = receipts.find((r) => r.userId !== userId)?.userId ?? userId;
  const peer = await db.user.findUnique({ where: { id: peerId }, select: publicUserSelect });
  if (!peer) throw notFound();
  return { ...base, kind: "direct", peer: toPublicUser(peer), group: null };
}
