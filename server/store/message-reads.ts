// The message store's reads of messages: history pages, sync after a seq or a change, undelivered
// messages, quotes. Typed statements (typed-sql.ts), built once per dialect, on the reader connection
// (committed data only) or, for quotes, in the write transaction.
import { type Expression, type SqlBool, sql } from "kysely";
import { type ChatMessage, quoteOf } from "../../lib/contracts/messaging";
import { type Driver, json } from "./driver";
import { MESSAGE_FIELDS, toFlag, toMessage } from "./message-rows";
import { ALL, type SeqWindow } from "./message-types";
import type { DB } from "./schema";
import { type Build, jsonTable, statement } from "./typed-sql";

/** The message `alias`.`conversationId`/`seq` (checked against the Message table). */
export const messageRef = <C extends keyof DB["Message"]>(alias: string, column: C) => sql.ref<DB["Message"][C]>(`${alias}.${column}`);

/** The message `alias` is not one `user` deleted for themselves. */
export const notHiddenFrom = ({ db }: Pick<Build<object>, "db">, alias: string, user: Expression<string | null>) =>
  sql<SqlBool>`NOT EXISTS ${db
    .selectFrom("MessageFlag as f")
    .select(sql.lit(1).as("x"))
    .where("f.userId", "=", user)
    .where("f.conversationId", "=", messageRef(alias, "conversationId"))
    .where("f.seq", "=", messageRef(alias, "seq"))
    .where("f.hidden", "=", sql.lit(true))}`;

const columns = MESSAGE_FIELDS.map((c) => `m.${c}` as const);
type Page = { conversationId: string; from: number; to: number; viewer: string | null; limit: number };

const after = statement((b: Build<Page & { after: number }>) =>
  b.db
    .selectFrom("Message as m")
    .select(columns)
    .where("m.conversationId", "=", b.arg("conversationId"))
    .where("m.seq", ">", b.arg("after"))
    .where("m.seq", "<=", b.arg("to"))
    .where(notHiddenFrom(b, "m", b.arg("viewer")))
    .orderBy("m.seq")
    .limit(b.arg("limit")),
);
/** Messages with seq > afterSeq inside the window, oldest first; none that `viewer` deleted for themselves. */
export async function messagesAfter(
  db: Driver,
  conversationId: string,
  afterSeq: number,
  limit: number,
  window: SeqWindow = ALL,
  viewer: string | null = null,
): Promise<ChatMessage[]> {
  const rows = await after.all(db, {
    conversationId,
    after: Math.max(afterSeq, window.from),
    from: window.from,
    to: window.to,
    viewer,
    limit,
  });
  return withQuotes(db, rows.map(toMessage));
}

const before = statement((b: Build<Page & { before: number }>) =>
  b.db
    .selectFrom("Message as m")
    .select(columns)
    .where("m.conversationId", "=", b.arg("conversationId"))
    .where("m.seq", "<", b.arg("before"))
    .where("m.seq", ">", b.arg("from"))
    .where("m.seq", "<=", b.arg("to"))
    .where(notHiddenFrom(b, "m", b.arg("viewer")))
    .orderBy("m.seq", "desc")
    .limit(b.arg("limit")),
);
/** The `limit` messages just below `beforeSeq` (the newest when null) inside the window, oldest first; none `viewer` deleted for themselves. */
export async function messagesBefore(
  db: Driver,
  conversationId: string,
  beforeSeq: number | null,
  limit: number,
  window: SeqWindow = ALL,
  viewer: string | null = null,
): Promise<ChatMessage[]> {
  const rows = await before.all(db, { conversationId, before: beforeSeq ?? ALL.to, from: window.from, to: window.to, viewer, limit });
  return withQuotes(db, rows.map(toMessage).reverse());
}

const changed = statement((b: Build<Page & { after: number; upTo: number }>) =>
  b.db
    .selectFrom("Message as m")
    .select(columns)
    .where("m.conversationId", "=", b.arg("conversationId"))
    .where("m.changedSeq", ">", b.arg("after"))
    .where("m.changedSeq", "<=", b.arg("upTo"))
    .where("m.seq", ">", b.arg("from"))
    .where("m.seq", "<=", b.arg("to"))
    .where(notHiddenFrom(b, "m", b.arg("viewer")))
    .orderBy("m.changedSeq")
    .limit(b.arg("limit")),
);
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
  const rows = await changed.all(db, { conversationId, after, upTo, from: window.from, to: window.to, viewer, limit });
  return withQuotes(db, rows.map(toMessage));
}

const flags = statement((b: Build<{ userId: string; conversationId: string; after: number; upTo: number; limit: number }>) =>
  b.db
    .selectFrom("MessageFlag")
    .select(["seq", "starredAt", "hidden", "flagSeq"])
    .where("userId", "=", b.arg("userId"))
    .where("conversationId", "=", b.arg("conversationId"))
    .where("flagSeq", ">", b.arg("after"))
    .where("flagSeq", "<=", b.arg("upTo"))
    .orderBy("flagSeq")
    .limit(b.arg("limit")),
);
/** The user's flags in a conversation that changed after flag change `after` up to `upTo`, in change order. */
export async function flagsAfter(db: Driver, userId: string, conversationId: string, after: number, upTo: number, limit: number) {
  const rows = await flags.all(db, { userId, conversationId, after, upTo, limit });
  return rows.map((r) => ({ ...toFlag(r), flagSeq: Number(r.flagSeq) }));
}

const pending = statement((b: Build<{ userId: string; limit: number }>) =>
  b.db
    .selectFrom("ConversationMember as cm")
    .innerJoin("Message as m", (j) =>
      j
        .onRef("m.conversationId", "=", "cm.conversationId")
        .onRef("m.seq", ">", "cm.deliveredSeq")
        .onRef("m.seq", ">", "cm.clearedSeq")
        .on("m.seq", "<=", (eb) => eb.fn.coalesce("cm.leftSeq", sql.lit(ALL.to))),
    )
    .select(columns)
    .where("cm.userId", "=", b.arg("userId"))
    .where("m.senderId", "<>", b.arg("userId"))
    .where(notHiddenFrom(b, "m", b.arg("userId")))
    .orderBy("m.conversationId")
    .orderBy("m.seq")
    .limit(b.arg("limit")),
);
/** Messages from others not yet delivered to the user, in conversation and seq order. */
export async function undelivered(db: Driver, userId: string, limit: number): Promise<ChatMessage[]> {
  return (await pending.all(db, { userId, limit })).map(toMessage);
}

const at = statement((b: Build<{ refs: string }>) =>
  b.db
    .selectFrom(jsonTable(b.dialect, b.arg("refs"), { c: "text", q: "integer" }).as("v"))
    .innerJoin("Message as m", (j) => j.onRef("m.conversationId", "=", "v.c").onRef("m.seq", "=", "v.q"))
    .select(columns),
);
/** Messages by (conversationId, seq), keyed "conversationId seq", in one read. */
export async function messagesAt(db: Driver, refs: (readonly [string, number])[]): Promise<Map<string, ChatMessage>> {
  if (!refs.length) return new Map();
  const rows = await at.all(db, { refs: json(refs.map((r) => [...r])) });
  return new Map(rows.map((r) => [`${r.conversationId} ${r.seq}`, toMessage(r)]));
}

/** Fills in the quotes of replies (one read, only when some message replies); a quoted message that is gone stays type null. */
export async function withQuotes(db: Driver, messages: ChatMessage[]): Promise<ChatMessage[]> {
  const replies = messages.flatMap((m) => (m.replyTo ? [[m, m.replyTo.seq] as const] : []));
  if (!replies.length) return messages;
  const quoted = await messagesAt(
    db,
    replies.map(([m, seq]) => [m.conversationId, seq] as const),
  );
  for (const [m, seq] of replies) {
    const original = quoted.get(`${m.conversationId} ${seq}`);
    if (original) m.replyTo = quoteOf(original);
  }
  return messages;
}
