// The SQL of the write queue's sends: the reads their plan needs and the writes of the plan
// (message-writes.ts runs them in order). Typed statements (typed-sql.ts), each built once per dialect;
// lists go in one JSON parameter, so each text is the same whatever the batch size.
import { type ExpressionBuilder, sql } from "kysely";
import type { ChatMessage } from "../../lib/contracts/messaging";
import { type Driver, json, toDbTime, truthy } from "./driver";
import { attachmentOf, MESSAGE_FIELDS, toMessage } from "./message-rows";
import type { AppendInput } from "./message-types";
import { writeWatermarks } from "./receipt-sql";
import type { DB } from "./schema";
import type { SendPlan, SendTarget } from "./send-plan";
import { type Build, type ColumnType, inList, jsonTable, orFailInsert, orFailUpdate, statement } from "./typed-sql";

/**
 * PostgreSQL with several server nodes (or two during a restart): another node may be writing to the
 * same conversations, or storing this very retry. Row locks on the conversations, taken in id order
 * (no deadlocks between nodes), serialize those writes: the statements after this one see what the
 * other node committed, so seqs stay gap-free and a retry finds its original. SQLite has one writer.
 */
const lock = statement(({ db, dialect, arg }: Build<{ ids: string }>) =>
  db
    .selectFrom("Conversation")
    .select("id")
    .where(inList(dialect, sql.ref("id"), arg("ids")))
    .orderBy("id")
    .forUpdate(),
);
export async function lockConversations(tx: Driver, inputs: AppendInput[]): Promise<void> {
  if (tx.dialect !== "postgresql") return;
  await lock.all(tx, { ids: json([...new Set(inputs.map((i) => i.conversationId))].sort()) });
}

const stored = statement(({ db, dialect, arg }: Build<{ keys: string }>) =>
  db
    .selectFrom(jsonTable(dialect, arg("keys"), { s: "text", k: "text" }).as("v"))
    .innerJoin("Message as m", (j) => j.onRef("m.senderId", "=", "v.s").onRef("m.clientId", "=", "v.k"))
    .select(MESSAGE_FIELDS.map((c) => `m.${c}` as const)),
);
/** Messages already stored under these sends' (senderId, clientId), keyed "senderId clientId". */
export async function storedSends(tx: Driver, inputs: AppendInput[]): Promise<Map<string, ChatMessage>> {
  const rows = await stored.all(tx, { keys: json(inputs.map((i) => [i.senderId, i.clientId])) });
  return new Map(rows.map((row) => [`${row.senderId} ${row.clientId}`, toMessage(row)]));
}

type Scope = ExpressionBuilder<DB & { c: DB["Conversation"]; m: DB["ConversationMember"] }, "c" | "m">;

/** About member `m` of conversation `c`: in a direct chat, whether they share read receipts (groups: NULL, no lookup). */
const directReadReceipts = (eb: Scope) =>
  eb
    .case()
    .when("c.kind", "=", sql.lit("direct"))
    .then(eb.selectFrom("User as u").select("u.readReceipts").whereRef("u.id", "=", "m.userId"))
    .end();

const targets = statement(({ db, dialect, arg }: Build<{ ids: string }>) =>
  db
    .selectFrom("Conversation as c")
    .leftJoin("ConversationMember as m", (j) => j.onRef("m.conversationId", "=", "c.id").on("m.leftSeq", "is", null))
    .select((eb) => [
      "c.id",
      "c.kind",
      "c.onlyAdminsSend",
      "c.lastSeq",
      "c.disappearAfter",
      "c.encrypted",
      "m.userId",
      "m.role",
      "m.joinedSeq",
      "m.deliveredSeq",
      "m.readSeq",
      "m.request",
      "m.accepted",
      directReadReceipts(eb).as("readReceipts"),
    ])
    .where(inList(dialect, sql.ref("c.id"), arg("ids"))),
);

/** The conversations of a run of sends with their current members (the recipients, roles and watermarks), in one read. */
export async function sendTargets(tx: Driver, ids: string[]): Promise<Map<string, SendTarget>> {
  const map = new Map<string, SendTarget>();
  if (!ids.length) return map;
  for (const row of await targets.all(tx, { ids: json(ids) })) {
    let target = map.get(row.id);
    if (!target) {
      target = {
        kind: row.kind,
        onlyAdminsSend: truthy(row.onlyAdminsSend),
        lastSeq: Number(row.lastSeq),
        disappearAfter: row.disappearAfter == null ? null : Number(row.disappearAfter),
        encrypted: truthy(row.encrypted),
        members: [],
      };
      map.set(row.id, target);
    }
    if (row.userId != null)
      target.members.push({
        userId: row.userId,
        role: row.role ?? "member",
        joinedSeq: Number(row.joinedSeq),
        deliveredSeq: Number(row.deliveredSeq),
        readSeq: Number(row.readSeq),
        request: truthy(row.request),
        accepted: truthy(row.accepted),
        readReceipts: row.readReceipts == null ? null : truthy(row.readReceipts),
      });
  }
  return map;
}

const past = statement(({ db, dialect, arg }: Build<{ pairs: string }>) =>
  db
    .selectFrom(jsonTable(dialect, arg("pairs"), { c: "text", u: "text" }).as("v"))
    .innerJoin("ConversationMember as m", (j) => j.onRef("m.conversationId", "=", "v.c").onRef("m.userId", "=", "v.u"))
    .select(["m.conversationId", "m.userId"]),
);
/** Which of these [conversationId, userId] were ever members, "conversationId userId" (one read; none when there are none). */
export async function pastMembers(tx: Driver, pairs: [string, string][]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await past.all(tx, { pairs: json(pairs) });
  return new Set(rows.map((r) => `${r.conversationId} ${r.userId}`));
}

const hide = statement(({ db, dialect, arg }: Build<{ rows: string }>) =>
  db
    .insertInto("MessageFlag")
    .columns(["userId", "conversationId", "seq", "hidden", "flagSeq"])
    .expression(
      db
        .selectFrom(jsonTable(dialect, arg("rows"), { u: "text", c: "text", q: "integer" }).as("v"))
        .select(["v.u", "v.c", "v.q", sql.lit(true).as("hidden"), sql.lit(0).as("flagSeq")]),
    ),
);
/** Hides messages, [userId, conversationId, seq] each, from these users (as if they had deleted them for themselves, but no device of theirs hears of it). */
export async function hideFrom(tx: Driver, rows: [string, string, number][]): Promise<void> {
  await hide.run(tx, { rows: json(rows) });
}

const accept = statement(({ db, dialect, arg }: Build<{ rows: string }>) =>
  db
    .updateTable("ConversationMember")
    .from(jsonTable(dialect, arg("rows"), { c: "text", u: "text" }).as("v"))
    .set({ request: sql.lit(false), accepted: sql.lit(true) })
    .whereRef("ConversationMember.conversationId", "=", "v.c")
    .whereRef("ConversationMember.userId", "=", "v.u"),
);
/** Records these [conversationId, userId] members' consent to their direct chats (accepting a request if it was one). */
export async function acceptRequests(tx: Driver, rows: [string, string][]): Promise<void> {
  await accept.run(tx, { rows: json(rows) });
}

const lastSeqs = statement(({ db, dialect, arg }: Build<{ at: string; rows: string }>) =>
  orFailUpdate(
    dialect,
    db
      .updateTable("Conversation")
      .from(jsonTable(dialect, arg("rows"), { c: "text", n: "integer" }).as("v"))
      .set((eb) => ({ lastSeq: eb.ref("v.n"), lastMessageAt: arg("at") }))
      .whereRef("Conversation.id", "=", "v.c"),
  ),
);

const INSERTED = {
  id: "text",
  clientId: "text",
  conversationId: "text",
  seq: "integer",
  senderId: "text",
  type: "text",
  text: "text",
  createdAt: "timestamp",
  attachment: "text",
  replyToSeq: "integer",
  forwards: "integer",
  expiresAt: "timestamp",
  fileId: "text",
} as const satisfies Partial<Record<keyof DB["Message"], ColumnType>>;
const COLUMNS = Object.keys(INSERTED) as (keyof typeof INSERTED)[];

const insertMessages = statement(({ db, dialect, arg }: Build<{ rows: string }>) =>
  orFailInsert(dialect, db.insertInto("Message"))
    .columns(COLUMNS)
    .expression(db.selectFrom(jsonTable(dialect, arg("rows"), INSERTED).as("v")).select(COLUMNS.map((c) => `v.${c}` as const))),
);

// Mentions of current members (other than the sender) only.
const mentions = statement(({ db, dialect, arg }: Build<{ rows: string }>) =>
  orFailInsert(dialect, db.insertInto("MessageMention"))
    .columns(["userId", "conversationId", "seq"])
    .expression(
      db
        .selectFrom(jsonTable(dialect, arg("rows"), { c: "text", q: "integer", s: "text", n: "text" }).as("v"))
        .innerJoin("ConversationMember as m", (j) =>
          j.onRef("m.conversationId", "=", "v.c").on("m.leftSeq", "is", null).onRef("m.userId", "<>", "v.s"),
        )
        .innerJoin("User as u", (j) => j.onRef("u.id", "=", "m.userId").onRef("u.usernameKey", "=", "v.n"))
        .select(["m.userId", "m.conversationId", "v.q"]),
    ),
);

const mentionedIds = statement(({ db, dialect, arg }: Build<{ rows: string }>) =>
  orFailInsert(dialect, db.insertInto("MessageMention"))
    .columns(["userId", "conversationId", "seq"])
    .expression(
      db
        .selectFrom(jsonTable(dialect, arg("rows"), { c: "text", q: "integer", s: "text", u: "text" }).as("v"))
        .innerJoin("ConversationMember as m", (j) =>
          j.onRef("m.conversationId", "=", "v.c").on("m.leftSeq", "is", null).onRef("m.userId", "=", "v.u").onRef("m.userId", "<>", "v.s"),
        )
        .select(["m.userId", "m.conversationId", "v.q"]),
    ),
);

const encrypt = statement(({ db, dialect, arg }: Build<{ ids: string }>) =>
  db
    .updateTable("Conversation")
    .set({ encrypted: sql.lit(true) })
    .where(inList(dialect, sql.ref("id"), arg("ids"))),
);

/** The writes of a planned run of sends: seqs, messages, senders' watermarks, mentions and chats now encrypted, one statement each. */
export async function writeSends(
  tx: Driver,
  at: Date,
  plan: Pick<SendPlan, "lastSeqs" | "messages" | "watermarks" | "mentions" | "mentionIds" | "encrypted">,
): Promise<void> {
  const time = toDbTime(tx.dialect, at);
  const dbTime = (iso: string | undefined) => (iso ? toDbTime(tx.dialect, new Date(iso)) : null);
  await lastSeqs.run(tx, { at: time, rows: json(plan.lastSeqs) });
  const rows = plan.messages.map((m) => [
    m.id,
    m.clientId,
    m.conversationId,
    m.seq,
    m.senderId,
    m.type,
    m.text,
    dbTime(m.createdAt),
    attachmentOf(m),
    m.replyTo?.seq ?? null,
    m.forwards ?? 0,
    dbTime(m.expiresAt),
    m.file?.fileId ?? null,
  ]);
  await insertMessages.run(tx, { rows: json(rows) });
  if (plan.watermarks.length) await writeWatermarks(tx, time, plan.watermarks);
  if (plan.mentions.length) await mentions.run(tx, { rows: json(plan.mentions) });
  if (plan.mentionIds.length) await mentionedIds.run(tx, { rows: json(plan.mentionIds) });
  if (plan.encrypted.length) await encrypt.run(tx, { ids: json(plan.encrypted) });
}
