import type { ConversationSummary } from "../../lib/contracts/messaging";
import { ctx } from "../context";
import { AppError } from "../errors";
import { userRow } from "../store/account-sql";
import type { Membership, SeqWindow } from "../store/message-store";
import { toPublicUser } from "./public-user";

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

/** The conversation as `userId` sees it: the other person or the group, last message, unread count, watermarks and ticks. */
export async function summarize(conversationId: string, userId: string): Promise<ConversationSummary> {
  const { store } = ctx();
  const { membership, window } = await readableBy(conversationId, userId);
  const [conversation, [lastMessage], unread, state] = await Promise.all([
    store.conversation(conversationId),
    store.messagesBefore(conversationId, null, 1, window),
    store.unread(conversationId, userId),
    store.summaryState(conversationId, userId),
  ]);
  if (!conversation) throw notFound();
  const base = {
    id: conversation.id,
    lastSeq: Math.min(conversation.lastSeq, window.to),
    lastMessage: lastMessage ?? null,
    unreadCount: unread.count,
    unreadMentions: unread.mentions,
    mine: state.mine,
    ticks: state.ticks,
    createdAt: conversation.createdAt,
    lastMessageAt: conversation.lastMessageAt,
  };
  if (conversation.kind === "group") {
    const group = {
      name: conversation.name ?? "",
      description: conversation.description,
      memberCount: state.memberCount,
      myRole: membership.leftSeq === null ? membership.role : null,
      onlyAdminsSend: conversation.onlyAdminsSend,
      onlyAdminsEdit: conversation.onlyAdminsEdit,
      avatarKey: conversation.avatarKey,
    };
    return { ...base, kind: "group", peer: null, group };
  }
  const peerId = state.otherId ?? userId;
  const peer = await userRow(store.reader, peerId);
  if (!peer) throw notFound();
  return { ...base, kind: "direct", peer: toPublicUser(peer), group: null };
}
