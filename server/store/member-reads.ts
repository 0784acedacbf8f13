// The message store's reads of conversations and their members: memberships, summaries with the last
// message and unread counts, ticks, message info. Typed statements (typed-sql.ts), built once per dialect.
import { type ExpressionBuilder, sql } from "kysely";
import type { Watermarks } from "../../lib/contracts/messaging";
import { type Driver, json } from "./driver";
import { notHiddenFrom } from "./message-reads";
import {
  CONVERSATION_FIELDS,
  MESSAGE_FIELDS,
  type MessageRow,
  RECEIPT_FIELDS,
  toConversation,
  toMembership,
  toMessage,
  toReceipt,
} from "./message-rows";
import { ALL, type ConversationRow, type Membership, type SummaryRow } from "./message-types";
import { floorsOf } from "./receipt-sql";
import type { DB } from "./schema";
import { type Build, greatest, inList, statement } from "./typed-sql";

const member = statement((b: Build<{ conversationId: string; userId: string }>) =>
  b.db
    .selectFrom("ConversationMember")
    .select(["role", "joinedSeq", "leftSeq", "request", "accepted", "clearedSeq"])
    .where("conversationId", "=", b.arg("conversationId"))
    .where("userId", "=", b.arg("userId")),
);
/** The user's membership, current or past (null: never a member). */
export async function membership(db: Driver, conversationId: string, userId: string): Promise<Membership | null> {
  const row = await member.get(db, { conversationId, userId });
  return row ? toMembership(row) : null;
}

type Member = ExpressionBuilder<DB & { m: DB["ConversationMember"] }, "m">;
/** The newest seq member `m` may see (up to when they left). */
const upToLeft = (eb: Member) => eb.fn.coalesce("m.leftSeq", sql.lit(ALL.to));
/** The seq after which member `m` sees messages (when they joined or last cleared the chat; see visibleAfter). */
const afterJoinOrClear = (b: Build<object>) => greatest(b.dialect, sql.ref<number>("m.joinedSeq"), sql.ref<number>("m.clearedSeq"));
/** The seq after which member `m` has unread messages (read, or cleared). */
const afterReadOrClear = (b: Build<object>) => greatest(b.dialect, sql.ref<number>("m.readSeq"), sql.ref<number>("m.clearedSeq"));

const fileSeen = statement((b: Build<{ userId: string; fileId: string }>) =>
  b.db
    .selectFrom("Message as msg")
    .innerJoin("ConversationMember as m", (j) =>
      j
        .onRef("m.conversationId", "=", "msg.conversationId")
        .on("m.userId", "=", b.arg("userId"))
        .onRef("msg.seq", ">", "m.joinedSeq")
        .onRef("msg.seq", ">", "m.clearedSeq")
        .on("msg.seq", "<=", upToLeft),
    )
    .select(sql.lit(1).as("x"))
    .where("msg.fileId", "=", b.arg("fileId"))
    .limit(1),
);
/** Whether a message carrying this file is one the user may see (they were a member when it was sent). */
export async function fileVisibleTo(db: Driver, userId: string, fileId: string): Promise<boolean> {
  return (await fileSeen.get(db, { userId, fileId })) !== undefined;
}

const peers = statement((b: Build<{ userId: string; userIds: string }>) =>
  b.db
    .selectFrom("ConversationMember as a")
    .innerJoin("ConversationMember as o", (j) => j.onRef("o.conversationId", "=", "a.conversationId").on("o.leftSeq", "is", null))
    .select("o.userId")
    .distinct()
    .where("a.userId", "=", b.arg("userId"))
    .where("a.leftSeq", "is", null)
    .where(inList(b.dialect, sql.ref("o.userId"), b.arg("userIds"))),
);
/** Those of `userIds` who share a conversation with `userId` (peers; not contacts, which need consent: privacy-sql.ts). */
export async function peersAmong(db: Driver, userId: string, userIds: string[]): Promise<string[]> {
  if (!userIds.length) return [];
  return (await peers.all(db, { userId, userIds: json(userIds) })).map((r) => r.userId);
}

const conversationById = statement((b: Build<{ id: string }>) =>
  b.db.selectFrom("Conversation").select(CONVERSATION_FIELDS).where("id", "=", b.arg("id")),
);
export async function conversation(db: Driver, conversationId: string): Promise<ConversationRow | undefined> {
  const row = await conversationById.get(db, { id: conversationId });
  return row ? toConversation(row) : undefined;
}

const conversationsOf = statement((b: Build<{ userId: string }>) =>
  b.db
    .selectFrom("Conversation as c")
    .innerJoin("ConversationMember as m", "m.conversationId", "c.id")
    .select("c.id")
    .where("m.userId", "=", b.arg("userId"))
    .orderBy((eb) => eb.fn.coalesce("c.lastMessageAt", "c.createdAt"), "desc"),
);
/** The user's conversations, most recent activity first. */
export async function conversationIdsOf(db: Driver, userId: string): Promise<string[]> {
  return (await conversationsOf.all(db, { userId })).map((r) => r.id);
}

/** The last message's columns in a summary row, each under "last_<column>". */
const LAST = MESSAGE_FIELDS.map((c) => sql.ref(`l.${c}`).as(`last_${c}`));
const lastMessageOf = (r: Record<`last_${keyof MessageRow}`, unknown>) =>
  // The l.* columns under their own names again: a Message row, as the statement below selects it.
  Object.fromEntries(MESSAGE_FIELDS.map((c) => [c, r[`last_${c}`]])) as MessageRow;

const summaries = statement((b: Build<{ userId: string; ids: string }>) =>
  b.db
    .selectFrom("ConversationMember as m")
    .innerJoin("Conversation as c", "c.id", "m.conversationId")
    .leftJoin("Message as l", (j) =>
      j.onRef("l.conversationId", "=", "m.conversationId").on("l.seq", "=", (eb) =>
        // The last message the member may see: one backward seek on (conversationId, seq).
        eb
          .selectFrom("Message as s")
          .select("s.seq")
          .whereRef("s.conversationId", "=", "m.conversationId")
          .where("s.seq", ">", afterJoinOrClear(b))
          .where("s.seq", "<=", upToLeft(eb))
          .where(notHiddenFrom(b, "s", sql.ref("m.userId")))
          .orderBy("s.seq", "desc")
          .limit(1),
      ),
    )
    .select((eb) => [
      ...(
        [
          "conversationId",
          "role",
          "joinedSeq",
          "leftSeq",
          "deliveredSeq",
          "readSeq",
          "pinnedAt",
          "archived",
          "mutedUntil",
          "flagSeq",
          "request",
          "clearedSeq",
          "deleted",
          "markedUnread",
        ] as const
      ).map((c) => `m.${c}` as const),
      eb
        .selectFrom("Message as msg")
        .select((e) => e.fn.countAll().as("n"))
        .whereRef("msg.conversationId", "=", "m.conversationId")
        .where("msg.seq", ">", afterReadOrClear(b))
        .where("msg.seq", "<=", upToLeft(eb))
        .whereRef("msg.senderId", "<>", "m.userId")
        .where(notHiddenFrom(b, "msg", sql.ref("m.userId")))
        .as("unread"),
      eb
        .selectFrom("MessageMention as mm")
        .select((e) => e.fn.countAll().as("n"))
        .whereRef("mm.userId", "=", "m.userId")
        .whereRef("mm.conversationId", "=", "m.conversationId")
        .where("mm.seq", ">", afterReadOrClear(b))
        .where("mm.seq", "<=", upToLeft(eb))
        .as("mentions"),
      eb
        .selectFrom("ConversationMember as a")
        .select((e) => e.fn.countAll().as("n"))
        .whereRef("a.conversationId", "=", "m.conversationId")
        .where("a.leftSeq", "is", null)
        .as("memberCount"),
      eb
        .selectFrom("ConversationMember as o")
        .select("o.userId")
        .whereRef("o.conversationId", "=", "m.conversationId")
        .whereRef("o.userId", "<>", "m.userId")
        .orderBy("o.userId")
        .limit(1)
        .as("otherId"),
      eb
        .selectFrom("ConversationMember as o")
        .select("o.request")
        .whereRef("o.conversationId", "=", "m.conversationId")
        .whereRef("o.userId", "<>", "m.userId")
        .orderBy("o.userId")
        .limit(1)
        .as("otherRequest"),
      ...CONVERSATION_FIELDS.map((c) => `c.${c}` as const),
      ...LAST,
    ])
    .where("m.userId", "=", b.arg("userId"))
    .where(inList(b.dialect, sql.ref("m.conversationId"), b.arg("ids"))),
);

/**
 * The summary rows of `userId` in these conversations, keyed by conversation (none where they never were
 * a member), in one statement: one snapshot, so the last message, lastSeq and the user's watermarks
 * agree. Each part is an index seek or range per conversation.
 */
export async function summaryRows(db: Driver, userId: string, conversationIds: string[]): Promise<Map<string, SummaryRow>> {
  if (!conversationIds.length) return new Map();
  const rows = await summaries.all(db, { userId, ids: json(conversationIds) });
  return new Map(
    rows.map((r) => [
      r.conversationId,
      {
        membership: toMembership(r),
        conversation: toConversation(r),
        lastMessage: r.last_id == null ? null : toMessage(lastMessageOf(r)),
        unread: { count: Number(r.unread), mentions: Number(r.mentions) },
        mine: { deliveredSeq: Number(r.deliveredSeq), readSeq: Number(r.readSeq) },
        memberCount: Number(r.memberCount),
        otherId: r.otherId ?? null,
        otherRequest: r.otherRequest === true || r.otherRequest === 1,
      },
    ]),
  );
}

/** The ticks of these conversations (see floorsOf). */
export function ticksOf(db: Driver, conversationIds: string[]): Promise<Map<string, Watermarks>> {
  return conversationIds.length ? floorsOf(db, conversationIds) : Promise.resolve(new Map());
}

const current = statement((b: Build<{ conversationId: string }>) =>
  b.db
    .selectFrom("ConversationMember")
    .select(["userId", "role", "joinedAt"])
    .where("conversationId", "=", b.arg("conversationId"))
    .where("leftSeq", "is", null),
);
export async function activeMemberIds(db: Driver, conversationId: string): Promise<string[]> {
  return (await current.all(db, { conversationId })).map((r) => r.userId);
}

/** Current members with role and join time. */
export async function groupMembers(
  db: Driver,
  conversationId: string,
): Promise<{ userId: string; role: "admin" | "member"; joinedAt: string }[]> {
  const rows = await current.all(db, { conversationId });
  return rows.map((r) => ({
    userId: r.userId,
    role: r.role === "admin" ? "admin" : "member",
    joinedAt: new Date(r.joinedAt).toISOString(),
  }));
}

type Others = { conversationId: string; senderId: string };
const others = (b: Build<Others>) =>
  b.db
    .selectFrom("ConversationMember")
    .where("conversationId", "=", b.arg("conversationId"))
    .where("leftSeq", "is", null)
    .where("userId", "<>", b.arg("senderId"));
const infoCounts = statement((b: Build<Others & { seq: number }>) =>
  others(b).select((eb) => [
    eb.fn.countAll().as("total"),
    eb.fn.sum(eb.case().when("deliveredSeq", ">=", b.arg("seq")).then(sql.lit(1)).else(sql.lit(0)).end()).as("delivered"),
    eb.fn.sum(eb.case().when("readSeq", ">=", b.arg("seq")).then(sql.lit(1)).else(sql.lit(0)).end()).as("read"),
  ]),
);
const infoPage = statement((b: Build<Others & { after: string; limit: number }>) =>
  others(b).select(RECEIPT_FIELDS).where("userId", ">", b.arg("after")).orderBy("userId").limit(b.arg("limit")),
);
/** Counts and one page (by user id) of the other current members' watermarks, for message info. */
export async function messageInfo(db: Driver, conversationId: string, senderId: string, seq: number, after: string, limit: number) {
  const counts = await infoCounts.get(db, { conversationId, senderId, seq });
  const rows = await infoPage.all(db, { conversationId, senderId, after, limit });
  return {
    total: Number(counts?.total ?? 0),
    delivered: Number(counts?.delivered ?? 0),
    read: Number(counts?.read ?? 0),
    rows: rows.map(toReceipt),
  };
}
