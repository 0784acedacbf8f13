import type { ChatMessage, ConversationSummary, HistoryPage, HistoryQuery, SyncPage, SyncRequest } from "../../lib/contracts/messaging";
import { ctx } from "../context";
import { readableBy, summarize } from "./conversation-access";

/** Latest page shown for a conversation the device has never synced (older ones come from history). */
const FIRST_PAGE = 50;

export async function listConversations(userId: string): Promise<ConversationSummary[]> {
  const ids = await ctx().store.conversationIdsOf(userId);
  return Promise.all(ids.map((id) => summarize(id, userId)));
}

/** Messages below `before` (the newest when absent), oldest first. */
export async function getHistory(userId: string, conversationId: string, { before, limit }: HistoryQuery): Promise<HistoryPage> {
  const { window } = await readableBy(conversationId, userId);
  const rows = await ctx().store.messagesBefore(conversationId, before ?? null, limit + 1, window);
  return { messages: rows.slice(-limit), hasMore: rows.length > limit };
}

/** Everything from others not yet delivered to any of the user's devices (the seeds' getMessage). */
export function getUndelivered(userId: string, limit: number): Promise<ChatMessage[]> {
  return ctx().store.undelivered(userId, limit);
}

/**
 * One page of catch-up for a (re)connecting device: every conversation of the user with its current
 * receipts, plus the messages after the device's cursor (or the latest page where it has none). At most
 * `limit` messages in all; a conversation left with more says hasMore and the device asks again.
 */
export async function syncMessages(userId: string, { cursors, limit }: SyncRequest): Promise<SyncPage> {
  const { store } = ctx();
  let budget = limit;
  const conversations: SyncPage["conversations"] = [];
  for (const id of await store.conversationIdsOf(userId)) {
    const cursor = cursors[id];
    const { window } = await readableBy(id, userId);
    let messages: ChatMessage[] = [];
    // A conversation the device doesn't know only "has more" when the page budget ran out before it.
    const exhausted = budget <= 0;
    if (cursor === undefined) messages = exhausted ? [] : await store.messagesBefore(id, null, Math.min(FIRST_PAGE, budget), window);
    else if (budget > 0) messages = await store.messagesAfter(id, cursor, budget, window);
    budget -= messages.length;
    // Read after the messages, so the summary (lastSeq, receipts) is never older than what it accompanies.
    const conversation = await summarize(id, userId);
    const held = messages.at(-1)?.seq ?? cursor ?? conversation.lastSeq;
    const hasMore = cursor === undefined ? exhausted && conversation.lastSeq > 0 : held < conversation.lastSeq;
    conversations.push({ conversation, messages, hasMore });
  }
  return { conversations };
}
