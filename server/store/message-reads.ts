// The message store's reads, on the reader connection (committed data only), and the reads the writes share.
import { type ChatMessage, quoteOf, type Watermarks } from "../../lib/contracts/messaging";
import { type Driver, fromDbTime, inJson, json, jsonRows } from "./driver";
import {
  CONVERSATION_COLUMNS,
  MESSAGE_COLUMNS,
  notHidden,
  qualified,
  RECEIPT_COLUMNS,
  toConversation,
  toFlag,
  toMembership,
  toMessage,
  toReceipt,
  unqualified,
  unreadBy,
  upToLeft,
} from "./message-rows";
import { ALL, type ConversationRow, type Membership, type SeqWindow, type SummaryRow } from "./message-types";
import { floorsOf } from "./write-sql";

/** The user's membership, current or past (null: never a member). */
export async function membership(db: Driver, conversationId: string, userId: string): Promise<Membership | null> {
  const row = await db.get(
    `SELECT "role", "joinedSeq", "leftSeq", "request", "accepted" FROM "ConversationMember" WHERE "conversationId" = ? AND "userId" = ?`,
    [conversationId, userId],
  );
  return row ? toMembership(row) : null;
}

/** Whether a message carrying this file is one the user may see (they were a member when it was sent). */
export async function fileVisibleTo(db: Driver, userId: string, fileId: string): Promise<boolean> {
  const row = await db.get(
    `SELECT 1 AS "x" FROM "Message" msg JOIN "ConversationMember" m ON m."conversationId" = msg."conversationId" AND m."userId" = ? AND msg."seq" > m."joinedSeq" AND msg."seq" <= ${upToLeft} WHERE msg."fileId" = ? LIMIT 1`,
    [userId, fileId],
  );
  return row !== undefined;
}

/** Those of `userIds` who share a conversation with `userId` (peers; not contacts, which need consent: privacy-sql.ts). */
export async function peersAmong(db: Driver, userId: string, userIds: string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await db.all<{ userId: string }>(
    `SELECT DISTINCT b."userId" FROM "ConversationMember" a JOIN "ConversationMember" b ON b."conversationId" = a."conversationId" AND b."leftSeq" IS NULL WHERE a."userId" = ? AND a."leftSeq" IS NULL AND b."userId" IN (${userIds.map(() => "?").join(", ")})`,
    [userId, ...userIds],
  );
  return rows.map((r) => r.userId);
}

export async function conversation(db: Driver, conversationId: string): Promise<ConversationRow | undefined> {
  const row = await db.get(`SELECT ${CONVERSATION_COLUMNS} FROM "Conversation" WHERE "id" = ?`, [conversationId]);
  return row ? toConversation(row) : undefined;
}

/** The user's conversations, most recent activity first. */
export async function conversationIdsOf(db: Driver, userId: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    `SELECT c."id" FROM "Conversation" c JOIN "ConversationMember" m ON m."conversationId" = c."id" WHERE m."userId" = ? ORDER BY COALESCE(c."lastMessageAt", c."createdAt") DESC`,
    [userId],
  );
  return rows.map((r) => r.id);
}

/**
 * The summary rows of `userId` in these conversations, keyed by conversation (none where they never were
 * a member), in one statement: one snapshot, so the last message, lastSeq and the user's watermarks
 * agree. Each part is an index seek or range per conversation.
 */
export async function summaryRows(db: Driver, userId: string, conversationIds: string[]): Promise<Map<string, SummaryRow>> {
  if (!conversationIds.length) return new Map();
  // The last message the member may see: one backward seek on (conversationId, seq).
  const newest = `(SELECT s."seq" FROM "Message" s WHERE s."conversationId" = m."conversationId" AND s."seq" > m."joinedSeq" AND s."seq" <= ${upToLeft} AND ${notHidden("s", 'm."userId"')} ORDER BY s."seq" DESC LIMIT 1)`;
  const rows = await db.all(
    `SELECT m."conversationId", m."role", m."joinedSeq", m."leftSeq", m."deliveredSeq", m."readSeq", m."pinnedAt", m."archived", m."mutedUntil", m."flagSeq", m."request", (SELECT COUNT(*) FROM "Message" msg WHERE msg."conversationId" = m."conversationId" AND ${unreadBy('msg."seq"')} AND msg."senderId" <> m."userId" AND ${notHidden("msg", 'm."userId"')}) AS "unread", (SELECT COUNT(*) FROM "MessageMention" mm WHERE mm."userId" = m."userId" AND mm."conversationId" = m."conversationId" AND ${unreadBy('mm."seq"')}) AS "mentions", (SELECT COUNT(*) FROM "ConversationMember" a WHERE a."conversationId" = m."conversationId" AND a."leftSeq" IS NULL) AS "memberCount", (SELECT o."userId" FROM "ConversationMember" o WHERE o."conversationId" = m."conversationId" AND o."userId" <> m."userId" ORDER BY o."userId" LIMIT 1) AS "otherId", ${qualified(CONVERSATION_COLUMNS, "c")}, ${qualified(MESSAGE_COLUMNS, "l", "last.")} FROM "ConversationMember" m JOIN "Conversation" c ON c."id" = m."conversationId" LEFT JOIN "Message" l ON l."conversationId" = m."conversationId" AND l."seq" = ${newest} WHERE m."userId" = ? AND m."conversationId" ${inJson(db.dialect)}`,
    [userId, json(conversationIds)],
  );
  return new Map(
    rows.map((r) => [
      r.conversationId as string,
      {
        membership: toMembership(r),
        conversation: toConversation(r),
        lastMessage: r["last.id"] == null ? null : toMessage(unqualified(r, "last.")),
        unread: { count: Number(r.unread), mentions: Number(r.mentions) },
        mine: { deliveredSeq: Number(r.deliveredSeq), readSeq: Number(r.readSeq) },
        memberCount: Number(r.memberCount),
        otherId: (r.otherId as string | null) ?? null,
      },
    ]),
  );
}

/** The ticks of these conversations (see floorsOf). */
export function ticksOf(db: Driver, conversationIds: string[]): Promise<Map<string, Watermarks>> {
  return conversationIds.length ? floorsOf(db, conversationIds) : Promise.resolve(new Map());
}

/** Messages with seq > afterSeq inside the window, oldest first; none that `viewer` deleted for themselves. */
export async function messagesAfter(
  db: Driver,
  conversationId: string,
  afterSeq: number,
  limit: number,
  window: SeqWindow = ALL,
  viewer: string | null = null,
): Promise<ChatMessage[]> {
  const rows = await db.all(
    `SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE "conversationId" = ? AND "seq" > ? AND "seq" <= ? AND ${notHidden("m")} ORDER BY "seq" LIMIT ?`,
    [conversationId, Math.max(afterSeq, window.from), window.to, viewer, limit],
  );
  return withQuotes(db, rows.map(toMessage));
}

/** The `limit` messages just below `beforeSeq` (the newest when null) inside the window, oldest first; none `viewer` deleted for themselves. */
export async function messagesBefore(
  db: Driver,
  conversationId: string,
  beforeSeq: number | null,
  limit: number,
  window: SeqWindow = ALL,
  viewer: string | null = null,
): Promise<ChatMessage[]> {
  const rows = await db.all(
    `SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE "conversationId" = ? AND "seq" < ? AND "seq" > ? AND "seq" <= ? AND ${notHidden("m")} ORDER BY "seq" DESC LIMIT ?`,
    [conversationId, beforeSeq ?? ALL.to, window.from, window.to, viewer, limit],
  );
  return withQuotes(db, rows.map(toMessage).reverse());
}

/** Messages changed after change `after` up to `upTo`, inside the window, in change order (none `viewer` deleted for themselves). */
export async function changedAfter(
  db: Driver,
  conversationId: string,
  after: number,
  upTo: number,
  limit: number,
  window: SeqWindow,
  viewer: string,
) {
  const rows = await db.all(
    `SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE "conversationId" = ? AND "changedSeq" > ? AND "changedSeq" <= ? AND "seq" > ? AND "seq" <= ? AND ${notHidden("m")} ORDER BY "changedSeq" LIMIT ?`,
    [conversationId, after, upTo, window.from, window.to, viewer, limit],
  );
  return withQuotes(db, rows.map(toMessage));
}

/** The user's flags in a conversation that changed after flag change `after` up to `upTo`, in change order. */
export async function flagsAfter(db: Driver, userId: string, conversationId: string, after: number, upTo: number, limit: number) {
  const rows = await db.all(
    `SELECT "seq", "starredAt", "hidden", "flagSeq" FROM "MessageFlag" WHERE "userId" = ? AND "conversationId" = ? AND "flagSeq" > ? AND "flagSeq" <= ? ORDER BY "flagSeq" LIMIT ?`,
    [userId, conversationId, after, upTo, limit],
  );
  return rows.map((r) => ({ ...toFlag(r), flagSeq: Number(r.flagSeq) }));
}

/** Messages from others not yet delivered to the user, in conversation and seq order. */
export async function undelivered(db: Driver, userId: string, limit: number): Promise<ChatMessage[]> {
  const rows = await db.all(
    `SELECT ${qualified(MESSAGE_COLUMNS, "msg")} FROM "ConversationMember" m JOIN "Message" msg ON msg."conversationId" = m."conversationId" AND msg."seq" > m."deliveredSeq" AND msg."seq" <= COALESCE(m."leftSeq", ${ALL.to}) WHERE m."userId" = ? AND msg."senderId" <> ? AND ${notHidden("msg")} ORDER BY msg."conversationId", msg."seq" LIMIT ?`,
    [userId, userId, userId, limit],
  );
  return rows.map(toMessage);
}

/** Current members with role and join time. */
export async function groupMembers(
  db: Driver,
  conversationId: string,
): Promise<{ userId: string; role: "admin" | "member"; joinedAt: string }[]> {
  const rows = await db.all(
    `SELECT "userId", "role", "joinedAt" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL`,
    [conversationId],
  );
  return rows.map((r) => ({
    userId: r.userId as string,
    role: r.role === "admin" ? "admin" : "member",
    joinedAt: fromDbTime(r.joinedAt) as string,
  }));
}

/** Counts and one page (by user id) of the other current members' watermarks, for message info. */
export async function messageInfo(db: Driver, conversationId: string, senderId: string, seq: number, after: string, limit: number) {
  const counts = await db.get(
    `SELECT COUNT(*) AS "total", SUM(CASE WHEN "deliveredSeq" >= ? THEN 1 ELSE 0 END) AS "delivered", SUM(CASE WHEN "readSeq" >= ? THEN 1 ELSE 0 END) AS "read" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL AND "userId" <> ?`,
    [seq, seq, conversationId, senderId],
  );
  const rows = await db.all(
    `SELECT ${RECEIPT_COLUMNS} FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL AND "userId" <> ? AND "userId" > ? ORDER BY "userId" LIMIT ?`,
    [conversationId, senderId, after, limit],
  );
  return {
    total: Number(counts?.total ?? 0),
    delivered: Number(counts?.delivered ?? 0),
    read: Number(counts?.read ?? 0),
    rows: rows.map(toReceipt),
  };
}

/** Messages by (conversationId, seq), keyed "conversationId seq", in one read. */
export async function messagesAt(db: Driver, refs: (readonly [string, number])[]): Promise<Map<string, ChatMessage>> {
  if (!refs.length) return new Map();
  const rows = await db.all(
    `SELECT ${qualified(MESSAGE_COLUMNS, "m")} FROM ${jsonRows(db.dialect, "v", [
      ["c", "text"],
      ["q", "integer"],
    ])} JOIN "Message" m ON m."conversationId" = v."c" AND m."seq" = v."q"`,
    [json(refs.map((r) => [...r]))],
  );
  return new Map(rows.map((r) => [`${r.conversationId} ${r.seq}`, toMessage(r)]));
}

/** Fills in the quotes of replies (one read, only when some message replies); a quoted message that is gone stays type null. */
export async function withQuotes(db: Driver, messages: ChatMessage[]): Promise<ChatMessage[]> {
  const replies = messages.filter((m) => m.replyTo);
  if (!replies.length) return messages;
  const quoted = await messagesAt(
    db,
    replies.map((m) => [m.conversationId, (m.replyTo as { seq: number }).seq] as const),
  );
  for (const m of replies) {
    const original = quoted.get(`${m.conversationId} ${m.replyTo?.seq}`);
    if (original) m.replyTo = quoteOf(original);
  }
  return messages;
}

export async function activeMemberIds(db: Driver, conversationId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(
    `SELECT "userId" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL`,
    [conversationId],
  );
  return rows.map((r) => r.userId);
}
