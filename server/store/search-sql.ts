// Message search, done by the database's full-text index: SQLite's FTS5 table "MessageSearch" (external
// content over "Message", kept by triggers) or PostgreSQL's GIN index on the text's words;
// both from migration 0011. Only messages the searcher may see (their membership window, nothing they
// deleted for themselves) come back, newest first.
import type { SearchFilter } from "../../lib/contracts/message-actions";
import type { ChatMessage } from "../../lib/contracts/messaging";
import type { Driver, Param } from "./driver";
import { MESSAGE_COLUMNS, notHidden, toMessage, withQuotes } from "./message-store";

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
  const params: Param[] = [q.userId];
  if (q.terms.length) {
    if (db.dialect === "sqlite") {
      where.push(`msg.rowid IN (SELECT rowid FROM "MessageSearch" WHERE "MessageSearch" MATCH ?)`);
      params.push(q.terms.map((t) => `"${t}"*`).join(" "));
    } else {
      // The index's own expression and predicate, so the planner uses it.
      where.push(
        `to_tsvector('simple', regexp_replace(msg."text", '[[:punct:]]+', ' ', 'g')) @@ to_tsquery('simple', ?) AND msg."type" <> 'system' AND msg."text" <> ''`,
      );
      params.push(q.terms.map((t) => `${t}:*`).join(" & "));
    }
  }
  if (q.conversationId) where.push(`msg."conversationId" = ?`) && params.push(q.conversationId);
  if (q.senderId) where.push(`msg."senderId" = ?`) && params.push(q.senderId);
  if (q.filter) where.push(FILTERS[q.filter]);
  if (q.before) where.push(`msg."id" < ?`) && params.push(q.before);
  where.push(notHidden("msg", 'm."userId"'));
  const rows = await db.all(
    `SELECT ${MESSAGE_COLUMNS.split(", ")
      .map((c) => `msg.${c}`)
      .join(
        ", ",
      )} FROM "Message" msg JOIN "ConversationMember" m ON m."conversationId" = msg."conversationId" AND m."userId" = ? AND msg."seq" > m."joinedSeq" AND (m."leftSeq" IS NULL OR msg."seq" <= m."leftSeq") WHERE ${where.join(" AND ")} ORDER BY msg."id" DESC LIMIT ?`,
    [...params, q.limit],
  );
  return withQuotes(db, rows.map(toMessage));
}
