import type { ChatMessage, ConversationSummary, HistoryPage, HistoryQuery, SyncPage, SyncRequest } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { readableBy, readableSummaries, summarizeMany } from "./conversation-access";

/** Latest page shown for a conversation the device has never synced (older ones come from history). */
const FIRST_PAGE = 50;

export async function listConversations(app: AppContext, userId: string): Promise<ConversationSummary[]> {
  return summarizeMany(app, await app.store.conversationIdsOf(userId), userId);
}

/**
 * Messages below `before` (the newest when absent), oldest first; or, with `around`, the page centred on
 * that seq (hasMore then says whether there are older ones; newer ones are asked for from the cursor).
 */
export async function getHistory(
  app: AppContext,
  userId: string,
  conversationId: string,
  { before, around, limit }: HistoryQuery,
): Promise<HistoryPage> {
  const { window } = await readableBy(app, conversationId, userId);
  const { store } = app;
  if (around !== undefined) {
    const half = Math.floor(limit / 2);
    const [older, newer] = await Promise.all([
      store.messagesBefore(conversationId, around, limit + 1, window, userId),
      store.messagesAfter(conversationId, around - 1, limit, window, userId),
    ]);
    // Near either end, the other side fills the page.
    const before = older.slice(-Math.max(half, limit - newer.length));
    return { messages: [...before, ...newer.slice(0, limit - before.length)], hasMore: older.length > before.length };
  }
  const rows = await store.messagesBefore(conversationId, before ?? null, limit + 1, window, userId);
  return { messages: rows.slice(-limit), hasMore: rows.length > limit };
}

/** Everything from others not yet delivered to any of the user's devices (the seeds' getMessage). */
export function getUndelivered(app: AppContext, userId: string, limit: number): Promise<ChatMessage[]> {
  return app.store.undelivered(userId, limit);
}

/**
 * One page of catch-up for a (re)connecting device: every conversation of the user with its current
 * receipts, plus the messages after the device's cursor (or the latest page where it has none), the
 * messages changed after its change cursor and my flags changed after its flag cursor. At most `limit`
 * messages in all; a conversation left with more says hasMore and the device asks again.
 */
export async function syncMessages(
  app: AppContext,
  userId: string,
  { cursors, changes = {}, flags = {}, limit }: Omit<SyncRequest, "changes" | "flags"> & Partial<SyncRequest>,
): Promise<SyncPage> {
  const { store } = app;
  // Summaries first, and messages only up to each one's lastSeq, so a summary (lastSeq, receipts) is never
  // older than what it accompanies; anything newer is pushed, or comes with the next sync.
  const summaries = await readableSummaries(app, await store.conversationIdsOf(userId), userId);
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
    let held = cursor ?? lastSeq;
    if (!exhausted && behind) {
      const take = cursor === undefined ? Math.min(FIRST_PAGE, budget) : budget;
      messages =
        cursor === undefined
          ? await store.messagesBefore(id, null, take, window, userId)
          : await store.messagesAfter(id, cursor, take, window, userId);
      // A page cut short by the budget ends at its last message; otherwise it covered everything up to
      // lastSeq (messages deleted for me, or gone, leave gaps that must not hold the cursor back).
      held = messages.length === take && cursor !== undefined ? (messages.at(-1)?.seq ?? lastSeq) : lastSeq;
    }
    budget -= messages.length;
    // Without a change cursor the device is taken to hold the messages as they are now (a device new to
    // the conversation got its latest page that way; the web app keeps no messages across reloads).
    const changeCursor = cursor === undefined ? conversation.changeSeq : (changes[id] ?? conversation.changeSeq);
    const changed = await caughtUp(changeCursor, conversation.changeSeq, budget, (n) =>
      store.changedAfter(id, changeCursor, conversation.changeSeq, n, window, userId),
    );
    budget -= changed.rows.length;
    const flagCursor = flags[id] ?? 0;
    const flagged = await caughtUp(flagCursor, conversation.flagSeq, budget, (n) =>
      store.flagsAfter(userId, id, flagCursor, conversation.flagSeq, n),
    );
    budget -= flagged.rows.length;
    const hasMore =
      (cursor === undefined ? exhausted && lastSeq > 0 : held < lastSeq) ||
      changed.upTo < conversation.changeSeq ||
      flagged.upTo < conversation.flagSeq;
    conversations.push({
      conversation,
      messages,
      upTo: cursor === undefined && exhausted ? 0 : held,
      changed: changed.rows,
      changesUpTo: changed.upTo,
      flags: flagged.rows.map(({ flagSeq: _, ...flag }) => flag),
      flagsUpTo: flagged.upTo,
      hasMore,
    });
  }
  return { conversations };
}

/**
 * What changed after `cursor` up to `latest` (nothing to ask when the device is current, the usual case),
 * at most `budget` rows; `upTo` is the device's next cursor: the last row's when the page was cut short.
 */
async function caughtUp<T extends { changedSeq?: number; flagSeq?: number }>(
  cursor: number,
  latest: number,
  budget: number,
  read: (limit: number) => Promise<T[]>,
): Promise<{ rows: T[]; upTo: number }> {
  if (cursor >= latest || budget <= 0) return { rows: [], upTo: Math.min(cursor, latest) };
  const rows = await read(budget);
  const last = rows.at(-1);
  return { rows, upTo: rows.length === budget && last ? (last.changedSeq ?? last.flagSeq ?? latest) : latest };
}
