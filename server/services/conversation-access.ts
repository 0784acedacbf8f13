import type { ConversationSummary } from "../../lib/contracts/messaging";
import type { ReadContext } from "../context";
import { AppError } from "../errors";
import { type Membership, type SeqWindow, type SummaryRow, visibleAfter } from "../store/message-store";
import { visibleUsers } from "./privacy";

const notFound = () => new AppError("not_found", { key: "errors.chats.notFound" });

/** Current member ids of a conversation the caller belongs to now; anyone else gets the same 404 as for a missing one. */
export async function membersFor(app: ReadContext, conversationId: string, userId: string): Promise<string[]> {
  const members = await app.store.memberIds(conversationId);
  if (!members.includes(userId)) throw notFound();
  return members;
}

const windowOf = (membership: Membership): SeqWindow => ({ from: visibleAfter(membership), to: membership.leftSeq ?? 2_147_483_647 });

/** What a member, current or past, may read: from when they joined to when they left. */
export async function readableBy(
  app: ReadContext,
  conversationId: string,
  userId: string,
): Promise<{ membership: Membership; window: SeqWindow }> {
  const membership = await app.store.membership(conversationId, userId);
  if (!membership) throw notFound();
  return { membership, window: windowOf(membership) };
}

export interface ReadableSummary {
  summary: ConversationSummary;
  /** What the member may read as of the summary: their window, up to its lastSeq. */
  window: SeqWindow;
}

/** The conversation as `userId` sees it: the other person or the group, last message, unread count, watermarks and ticks. */
export async function summarize(app: ReadContext, conversationId: string, userId: string): Promise<ConversationSummary> {
  const [summary] = await summarizeMany(app, [conversationId], userId);
  return summary;
}

/** Summaries (see summarize) of many conversations of one user, in the order given; any they never belonged to is not found. */
export async function summarizeMany(app: ReadContext, conversationIds: string[], userId: string): Promise<ConversationSummary[]> {
  return (await readableSummaries(app, conversationIds, userId)).map((r) => r.summary);
}

/** summarizeMany with each conversation's window, in three queries however many conversations. */
export async function readableSummaries(app: ReadContext, ids: string[], userId: string): Promise<ReadableSummary[]> {
  const { store } = app;
  const rows = await store.summaryRows(userId, ids);
  if (ids.some((id) => !rows.has(id))) throw notFound();
  // A direct chat shows the other person (or yourself, were you alone in it).
  const peerIds = [...rows.values()].flatMap((r) => (r.conversation.kind === "group" ? [] : [r.otherId ?? userId]));
  // Ticks read after the rows, so they are never older than the messages the summary covers.
  const [ticks, peers] = await Promise.all([store.ticksOf([...rows.keys()]), visibleUsers(app, userId, [...new Set(peerIds)])]);
  return ids.map((id) => {
    const { membership, conversation, lastMessage, unread, mine, memberCount, otherId, otherRequest } = rows.get(id) as SummaryRow;
    const window = windowOf(membership);
    const lastSeq = Math.min(conversation.lastSeq, window.to);
    const base = {
      id: conversation.id,
      lastSeq,
      lastMessage,
      unreadCount: unread.count,
      unreadMentions: unread.mentions,
      mine,
      ticks: ticks.get(id) ?? { deliveredSeq: 0, readSeq: 0 },
      createdAt: conversation.createdAt,
      lastMessageAt: conversation.lastMessageAt,
      changeSeq: conversation.changeSeq,
      flagSeq: membership.flagSeq ?? 0,
      pinned: conversation.pinnedSeqs,
      disappearAfter: conversation.disappearAfter,
      encrypted: conversation.encrypted,
      pinnedAt: membership.pinnedAt ?? null,
      archived: membership.archived ?? false,
      mutedUntil: membership.mutedUntil ?? null,
      request: membership.request ?? false,
      clearedSeq: membership.clearedSeq ?? 0,
      deleted: membership.deleted ?? false,
      markedUnread: membership.markedUnread ?? false,
    };
    const readable = { from: window.from, to: lastSeq };
    if (conversation.kind === "group") {
      const group = {
        name: conversation.name ?? "",
        description: conversation.description,
        memberCount,
        myRole: membership.leftSeq === null ? membership.role : null,
        onlyAdminsSend: conversation.onlyAdminsSend,
        onlyAdminsEdit: conversation.onlyAdminsEdit,
        avatarKey: conversation.avatarKey,
      };
      return { summary: { ...base, kind: "group", peer: null, group, blocked: false, peerRequest: false }, window: readable };
    }
    const peer = peers.get(otherId ?? userId);
    if (!peer) throw notFound();
    const blocked = peer.relation?.viewerBlocksOwner ?? false;
    return { summary: { ...base, kind: "direct", peer: peer.user, group: null, blocked, peerRequest: otherRequest }, window: readable };
  });
}
