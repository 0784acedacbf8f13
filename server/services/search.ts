// Search across my chats, or within one: words (full-text, by the database), a sender, a kind of content.
import { type SearchQuery, type SearchResult, searchTerms } from "../../lib/contracts/message-actions";
import type { AppContext } from "../context";
import { searchMessages } from "../store/search-sql";
import { readableBy } from "./conversation-access";

export async function search(app: AppContext, userId: string, query: SearchQuery): Promise<SearchResult> {
  // A chat the user was never in is not found, like everywhere else.
  if (query.conversationId) await readableBy(app, query.conversationId, userId);
  const rows = await searchMessages(app.store.reader, {
    userId,
    terms: searchTerms(query.q),
    conversationId: query.conversationId,
    senderId: query.senderId,
    filter: query.filter,
    before: query.before,
    limit: query.limit + 1,
  });
  return { messages: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}
