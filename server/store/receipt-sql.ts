// The SQL of the write queue's receipts: the reporters' rows, the watermarks (which sends move too) and
// the ticks. Typed statements (typed-sql.ts), each built once per dialect; lists in one JSON parameter.
import { type Expression, type ExpressionBuilder, sql } from "kysely";
import type { Watermarks } from "../../lib/contracts/messaging";
import { type Driver, json, truthy } from "./driver";
import { RECEIPT_FIELDS, toReceipt } from "./message-rows";
import type { ReporterRow } from "./receipt-plan";
import type { DB } from "./schema";
import { type Build, greatest, inList, jsonTable, orFailUpdate, statement } from "./typed-sql";

type Scope = ExpressionBuilder<DB & { c: DB["Conversation"]; m: DB["ConversationMember"] }, "c" | "m">;

/** About member `m` of conversation `c`: in a direct chat, whether either member blocked the other (two key lookups; groups: NULL). */
const blockedPeer = (eb: Scope) =>
  eb
    .case()
    .when("c.kind", "=", sql.lit("direct"))
    .then(
      eb.exists(
        eb
          .selectFrom("ConversationMember as o")
          .select(sql.lit(1).as("x"))
          .whereRef("o.conversationId", "=", "m.conversationId")
          .whereRef("o.userId", "<>", "m.userId")
          .where((ob) =>
            ob.or(
              (
                [
                  ["o.userId", "m.userId"],
                  ["m.userId", "o.userId"],
                ] as const
              ).map(([by, of]) =>
                ob.exists(
                  ob.selectFrom("Block as b").select(sql.lit(1).as("x")).whereRef("b.userId", "=", by).whereRef("b.blockedId", "=", of),
                ),
              ),
            ),
          ),
      ),
    )
    .end();

const watermarks = statement(({ db, dialect, arg }: Build<{ at: string; rows: string }>) => {
  const member = (c: "deliveredSeq" | "readSeq") => sql.ref<number>(`ConversationMember.${c}`);
  const movedTo = (v: Expression<number>, c: "deliveredSeq" | "readSeq", at: "deliveredAt" | "readAt") =>
    sql<string>`CASE WHEN ${v} > ${member(c)} THEN ${arg("at")} ELSE ${sql.ref(`ConversationMember.${at}`)} END`;
  const update = db
    .updateTable("ConversationMember")
    .from(jsonTable(dialect, arg("rows"), { c: "text", u: "text", d: "integer", r: "integer" }).as("v"))
    .set((eb) => ({
      deliveredAt: movedTo(eb.ref("v.d"), "deliveredSeq", "deliveredAt"),
      readAt: movedTo(eb.ref("v.r"), "readSeq", "readAt"),
      deliveredSeq: greatest(dialect, member("deliveredSeq"), eb.ref("v.d")),
      readSeq: greatest(dialect, member("readSeq"), eb.ref("v.r")),
      // Reading the chat again ends "Mark as unread".
      markedUnread: sql<boolean>`CASE WHEN ${eb.ref("v.r")} > ${member("readSeq")} THEN FALSE ELSE ${sql.ref("ConversationMember.markedUnread")} END`,
    }))
    .whereRef("ConversationMember.conversationId", "=", "v.c")
    .whereRef("ConversationMember.userId", "=", "v.u");
  return orFailUpdate(dialect, update);
});
/**
 * Sets members' watermarks, `[conversationId, userId, deliveredSeq, readSeq]` each, in one statement; a
 * watermark that moves gets the time `at`; none moves back. SET expressions see the row as it was.
 */
export async function writeWatermarks(tx: Driver, at: string, rows: [string, string, number, number][]): Promise<void> {
  // Another node may have moved a watermark since it was read here: the greater one wins. Rows go in key
  // order so that two nodes' updates lock them in the same order.
  rows.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  await watermarks.run(tx, { at, rows: json(rows) });
}

const floors = statement(({ db, dialect, arg }: Build<{ ids: string }>) =>
  db
    .selectFrom("Conversation as c")
    .select((eb) => {
      const lowest = (column: "deliveredSeq" | "readSeq") =>
        eb
          .selectFrom("ConversationMember as m")
          .select(`m.${column}`)
          .whereRef("m.conversationId", "=", "c.id")
          .where("m.leftSeq", "is", null)
          .orderBy(`m.${column}`)
          .limit(1);
      const readsHidden = eb.and([
        eb("c.kind", "=", sql.lit("direct")),
        eb.exists(
          eb
            .selectFrom("ConversationMember as x")
            .innerJoin("User as u", "u.id", "x.userId")
            .select(sql.lit(1).as("x"))
            .whereRef("x.conversationId", "=", "c.id")
            .where(sql<boolean>`NOT ${sql.ref("u.readReceipts")}`),
        ),
      ]);
      return ["c.id", lowest("deliveredSeq").as("d"), eb.case().when(readsHidden).then(sql.lit(0)).else(lowest("readSeq")).end().as("r")];
    })
    .where(inList(dialect, sql.ref("c.id"), arg("ids"))),
);
/**
 * The ticks of each conversation: the lowest delivered and read watermarks among its current members,
 * two index seeks each, however big the group. A direct chat where either member turned read receipts
 * off shows nothing as read, to either of them (groups always show them, as in WhatsApp).
 */
export async function floorsOf(db: Driver, conversationIds: string[]): Promise<Map<string, Watermarks>> {
  const rows = await floors.all(db, { ids: json(conversationIds) });
  return new Map(rows.map((r) => [r.id, { deliveredSeq: Number(r.d ?? 0), readSeq: Number(r.r ?? 0) }]));
}

const reporters = statement(({ db, dialect, arg }: Build<{ conversationIds: string; userIds: string }>) =>
  db
    .selectFrom("ConversationMember as m")
    .innerJoin("Conversation as c", "c.id", "m.conversationId")
    .select((eb) => [...RECEIPT_FIELDS.map((c) => `m.${c}` as const), "m.leftSeq", "c.lastSeq", "m.request", blockedPeer(eb).as("blocked")])
    .where(inList(dialect, sql.ref("m.conversationId"), arg("conversationIds")))
    .where(inList(dialect, sql.ref("m.userId"), arg("userIds"))),
);
/** The reporters' rows, keyed "conversationId userId", with their conversations' last seqs and what withholds their receipts. */
export async function reporterRows(tx: Driver, conversationIds: string[], userIds: string[]): Promise<Map<string, ReporterRow>> {
  const rows = await reporters.all(tx, { conversationIds: json(conversationIds), userIds: json(userIds) });
  return new Map(
    rows.map((row) => [
      `${row.conversationId} ${row.userId}`,
      {
        receipt: toReceipt(row),
        lastSeq: Number(row.lastSeq),
        left: row.leftSeq != null,
        request: truthy(row.request),
        blocked: truthy(row.blocked),
      },
    ]),
  );
}
