// Message search, done by the database's full-text index: SQLite's FTS5 table "MessageSearch" (external
// content over "Message", kept by triggers) or PostgreSQL's GIN index on the text's words;
// both from migration 0011. Only messages the searcher may see (their membership window, nothing they
// deleted for themselves) come back, newest first.
import type { SearchFilter } from "../../lib/contracts/message-actions";
import type { ChatMessage } from "../../lib/contracts/messaging";
import type { Driver, Param } from "./driver";
import { withQuotes } from "./message-reads";
import { MESSAGE_COLUMNS, type MessageRow, notHidden, qualified, toMessage } from "./message-rows";

export interface SearchInput {
  userId: string;
  /** Lower-cased words (see searchTerms); each matches a word that starts with it. */
  terms: string[];
  conversationId?: string;
  senderId?: string;
  filter?: SearchFilter;
  /** Only messages older than this one (ids are time-ordered UUIDv7). */
  before?: string;
  limit: number;
}

const FILTERS: Record<SearchFilter, string> = {
  media: `msg."fileId" IS NOT NULL AND msg."type" IN ('image', 'video')`,
  documents: `msg."fileId" IS NOT NULL AND msg."type" = 'document'`,
  links: `msg."type" = 'text' AND (LOWER(msg."text") LIKE '%http://%' OR LOWER(msg."text") LIKE '%https://%' OR LOWER(msg."text") LIKE '%www.%')`,
};

export async function searchMessages(db: Driver, q: SearchInput): Promise<ChatMessage[]> {
  const where: string[] = [];
  const params: Param[] = [];
  const fromParams: Param[] = [];
  // SQLite with words: the FTS table drives, newest rowid first, and the scan stops at the limit (a common
  // word costs the same as a rare one). Rowids grow with inserts, as the time-ordered ids do. CROSS JOIN
  // fixes that order: given a chat, the planner would otherwise walk the chat's messages and run the
  // full-text query once for each.
  const fts = db.dialect === "sqlite" && q.terms.length > 0;
  let from = `"Message" msg JOIN "ConversationMember" m ON m."conversationId" = msg."conversationId"`;
  let order = `msg."id" DESC`;
  if (fts) {
    from = `"MessageSearch" CROSS JOIN "Message" msg CROSS JOIN "ConversationMember" m`;
    order = `"MessageSearch".rowid DESC`;
    where.push(`msg.rowid = "MessageSearch".rowid AND m."conversationId" = msg."conversationId"`);
    where.push(`"MessageSearch" MATCH ?`);
    params.push(q.terms.map((t) => `"${t}"*`).join(" "));
  } else if (q.terms.length) {
    // PostgreSQL: the matches come from the GIN index (its own expression and predicate), then are sorted.
    // The OFFSET 0 fence keeps the planner from walking the primary key newest-first and testing each
    // row's text instead, which it prefers for lack of statistics on how rare a word is.
    from = `(SELECT * FROM "Message" WHERE to_tsvector('simple', regexp_replace("text", '[[:punct:]]+', ' ', 'g')) @@ to_tsquery('simple', ?) AND "type" <> 'system' AND "text" <> '' OFFSET 0) msg JOIN "ConversationMember" m ON m."conversationId" = msg."conversationId"`;
    fromParams.push(q.terms.map((t) => `${t}:*`).join(" & "));
  }
  if (q.conversationId) where.push(`msg."conversationId" = ?`) && params.push(q.conversationId);
  if (q.senderId) where.push(`msg."senderId" = ?`) && params.push(q.senderId);
  if (q.filter) where.push(FILTERS[q.filter]);
  if (q.before) {
    where.push(fts ? `"MessageSearch".rowid < (SELECT b.rowid FROM "Message" b WHERE b."id" = ?)` : `msg."id" < ?`);
    params.push(q.before);
  }
  where.push(notHidden("msg", 'm."userId"'));
  const rows = await db.all<MessageRow>(
    `SELECT ${qualified(MESSAGE_COLUMNS, "msg")} FROM ${from} WHERE m."userId" = ? AND msg."seq" > m."joinedSeq" AND msg."seq" > m."clearedSeq" AND (m."leftSeq" IS NULL OR msg."seq" <= m."leftSeq") AND ${where.join(" AND ")} ORDER BY ${order} LIMIT ?`,
    [...fromParams, q.userId, ...params, q.limit],
  );
  return withQuotes(db, rows.map(toMessage));
}
