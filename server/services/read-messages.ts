import type { ChatMessage, ConversationSummary, HistoryPage, HistoryQuery, SyncPage, SyncRequest } from "../../lib/contracts/messaging";
import { ctx } from "../context";
import { readableBy, readableSummaries, summarizeMany } from "./conversation-access";

/** Latest page shown for a conversation the device has never synced (older ones come from history). */
const FIRST_PAGE = 50;

export async function listConversations(userId: string): Promise<ConversationSummary[]> {
  return summarizeMany(await ctx().store.conversationIdsOf(userId), userId);
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
  // Summaries first, and messages only up to each one's lastSeq, so a summary (lastSeq, receipts) is never
  // older than what it accompanies; anything newer is pushed, or comes with the next sync.
  const summaries = await readableSummaries(await store.conversationIdsOf(userId), userId);
  let budget = limit;
  const conversations: SyncPage["conversations"] = [];
  for (const { summary: conversation, window } of summaries) {
    const { id, lastSeq, lastMessage } = conversation;
    const cursor = cursors[id];
    // A conversation the device doesn't know only "has more" when the page budget ran out before it.
    const exhausted = budget <= 0;
    // A device already holding the last message (the usual reconnect) costs no query.
    const behind = lastMessage !== null && (cursor === undefined || cursor < lastMessage.seq);
    let messages: ChatMessage[] = [];
    if (!exhausted && behind) {
      messages =
        cursor === undefined
          ? await store.messagesBefore(id, null, Math.min(FIRST_PAGE, budget), window)
          : await store.messagesAfter(id, cursor, budget, window);
    }
    budget -= messages.length;
    const held = messages.at(-1)?.seq ?? cursor ?? lastSeq;
    const hasMore = cursor === undefined ? exhausted && lastSeq > 0 : held < lastSeq;
    conversations.push({ conversation, messages, hasMore });
  }
  return { conversations };
}
