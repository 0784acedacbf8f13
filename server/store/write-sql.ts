// The SQL of the write queue's sends and receipts: the reads their plans need and the writes of the plans
// (message-writes.ts runs them in order). Each statement's text is the same whatever the batch size.
import type { ChatMessage, Watermarks } from "../../lib/contracts/messaging";
import { type Driver, inJson, json, jsonRows, orFail, toDbTime, truthy } from "./driver";
import { attachmentOf, INSERT_COLUMNS, MESSAGE_COLUMNS, qualified, RECEIPT_COLUMNS, toMessage, toReceipt } from "./message-rows";
import type { AppendInput } from "./message-types";
import type { ReporterRow } from "./receipt-plan";
import type { SendPlan, SendTarget } from "./send-plan";

/**
 * PostgreSQL with several server nodes (or two during a restart): another node may be writing to the
 * same conversations, or storing this very retry. Row locks on the conversations, taken in id order
 * (no deadlocks between nodes), serialize those writes: the statements after this one see what the
 * other node committed, so seqs stay gap-free and a retry finds its original. SQLite has one writer.
 */
export async function lockConversations(tx: Driver, inputs: AppendInput[]): Promise<void> {
  if (tx.dialect !== "postgresql") return;
  const ids = [...new Set(inputs.map((i) => i.conversationId))].sort();
  await tx.all(`SELECT "id" FROM "Conversation" WHERE "id" ${inJson(tx.dialect)} ORDER BY "id" FOR UPDATE`, [json(ids)]);
}

/** In SQL about member `m` of conversation `c`: in a direct chat, whether they share read receipts (groups: NULL, no lookup). */
const DIRECT_READ_RECEIPTS = `CASE WHEN c."kind" = 'direct' THEN (SELECT u."readReceipts" FROM "User" u WHERE u."id" = m."userId") END`;

/** In SQL about member `m` of conversation `c`: in a direct chat, whether either member blocked the other (two key lookups; groups: NULL). */
const BLOCKED_PEER = `CASE WHEN c."kind" = 'direct' THEN EXISTS (SELECT 1 FROM "ConversationMember" o WHERE o."conversationId" = m."conversationId" AND o."userId" <> m."userId" AND (EXISTS (SELECT 1 FROM "Block" b WHERE b."userId" = o."userId" AND b."blockedId" = m."userId") OR EXISTS (SELECT 1 FROM "Block" b WHERE b."userId" = m."userId" AND b."blockedId" = o."userId"))) END`;

/** The conversations of a run of sends with their current members (the recipients, roles and watermarks), in one read. */
export async function sendTargets(tx: Driver, ids: string[]): Promise<Map<string, SendTarget>> {
  const targets = new Map<string, SendTarget>();
  if (!ids.length) return targets;
  const rows = await tx.all(
    `SELECT c."id", c."kind", c."onlyAdminsSend", c."lastSeq", c."disappearAfter", m."userId", m."role", m."joinedSeq", m."deliveredSeq", m."readSeq", m."request", m."accepted", ${DIRECT_READ_RECEIPTS} AS "readReceipts" FROM "Conversation" c LEFT JOIN "ConversationMember" m ON m."conversationId" = c."id" AND m."leftSeq" IS NULL WHERE c."id" ${inJson(tx.dialect)}`,
    [json(ids)],
  );
  for (const row of rows) {
    const id = row.id as string;
    let target = targets.get(id);
    if (!target) {
      target = {
        kind: row.kind as string,
        onlyAdminsSend: truthy(row.onlyAdminsSend),
        lastSeq: Number(row.lastSeq),
        disappearAfter: row.disappearAfter == null ? null : Number(row.disappearAfter),
        members: [],
      };
      targets.set(id, target);
    }
    if (row.userId != null)
      target.members.push({
        userId: row.userId as string,
        role: row.role as string,
        joinedSeq: Number(row.joinedSeq),
        deliveredSeq: Number(row.deliveredSeq),
        readSeq: Number(row.readSeq),
        request: truthy(row.request),
        accepted: truthy(row.accepted),
        readReceipts: row.readReceipts == null ? null : truthy(row.readReceipts),
      });
  }
  return targets;
}

/** Hides messages from these users (as if they had deleted them for themselves, but no device of theirs hears of it). */
export async function hideFrom(tx: Driver, rows: [string, string, number][]): Promise<void> {
  await tx.run(
    `INSERT INTO "MessageFlag" ("userId", "conversationId", "seq", "hidden", "flagSeq") SELECT v."u", v."c", v."q", true, 0 FROM ${jsonRows(
      tx.dialect,
      "v",
      [
        ["u", "text"],
        ["c", "text"],
        ["q", "integer"],
      ],
    )}`,
    [json(rows)],
  );
}

/** Records these [conversationId, userId] members' consent to their direct chats (accepting a request if it was one). */
export async function acceptRequests(tx: Driver, rows: [string, string][]): Promise<void> {
  await tx.run(
    `UPDATE "ConversationMember" SET "request" = false, "accepted" = true FROM ${jsonRows(tx.dialect, "v", [
      ["c", "text"],
      ["u", "text"],
    ])} WHERE "conversationId" = v."c" AND "userId" = v."u"`,
    [json(rows)],
  );
}

const INTEGER_COLUMNS = new Set([`"seq"`, `"replyToSeq"`, `"forwards"`]);
const TIME_COLUMNS = new Set([`"createdAt"`, `"expiresAt"`]);

/**
 * Sets members' watermarks, `[conversationId, userId, deliveredSeq, readSeq]` each, in one statement; a
 * watermark that moves gets the time `at`; none moves back. SET expressions see the row as it was.
 */
export async function writeWatermarks(tx: Driver, at: string, rows: [string, string, number, number][]): Promise<void> {
  // Another node may have moved a watermark since it was read here: the greater one wins. Rows go in key
  // order so that two nodes' updates lock them in the same order.
  const max = tx.dialect === "postgresql" ? "GREATEST" : "MAX";
  rows.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  await tx.run(
    `UPDATE${orFail(tx.dialect)} "ConversationMember" SET "deliveredAt" = CASE WHEN v."d" > "deliveredSeq" THEN ? ELSE "deliveredAt" END, "readAt" = CASE WHEN v."r" > "readSeq" THEN ? ELSE "readAt" END, "deliveredSeq" = ${max}("deliveredSeq", v."d"), "readSeq" = ${max}("readSeq", v."r") FROM ${jsonRows(
      tx.dialect,
      "v",
      [
        ["c", "text"],
        ["u", "text"],
        ["d", "integer"],
        ["r", "integer"],
      ],
    )} WHERE "conversationId" = v."c" AND "userId" = v."u"`,
    [at, at, json(rows)],
  );
}

/**
 * The ticks of each conversation: the lowest delivered and read watermarks among its current members,
 * two index seeks each, however big the group. A direct chat where either member turned read receipts
 * off shows nothing as read, to either of them (groups always show them, as in WhatsApp).
 */
export async function floorsOf(db: Driver, conversationIds: string[]): Promise<Map<string, Watermarks>> {
  const lowest = (column: string) =>
    `(SELECT m."${column}" FROM "ConversationMember" m WHERE m."conversationId" = c."id" AND m."leftSeq" IS NULL ORDER BY m."${column}" LIMIT 1)`;
  const readsHidden = `c."kind" = 'direct' AND EXISTS (SELECT 1 FROM "ConversationMember" x JOIN "User" u ON u."id" = x."userId" WHERE x."conversationId" = c."id" AND NOT u."readReceipts")`;
  const rows = await db.all(
    `SELECT c."id", ${lowest("deliveredSeq")} AS "d", CASE WHEN ${readsHidden} THEN 0 ELSE ${lowest("readSeq")} END AS "r" FROM "Conversation" c WHERE c."id" ${inJson(db.dialect)}`,
    [json(conversationIds)],
  );
  return new Map(rows.map((r) => [r.id as string, { deliveredSeq: Number(r.d ?? 0), readSeq: Number(r.r ?? 0) }]));
}

/** Messages already stored under these sends' (senderId, clientId), keyed "senderId clientId". */
export async function storedSends(tx: Driver, inputs: AppendInput[]): Promise<Map<string, ChatMessage>> {
  const rows = await tx.all(
    `SELECT ${qualified(MESSAGE_COLUMNS, "m")} FROM ${jsonRows(tx.dialect, "v", [
      ["s", "text"],
      ["k", "text"],
    ])} JOIN "Message" m ON m."senderId" = v."s" AND m."clientId" = v."k"`,
    [json(inputs.map((i) => [i.senderId, i.clientId]))],
  );
  return new Map(rows.map((row) => [`${row.senderId} ${row.clientId}`, toMessage(row)]));
}

/** Which of these [conversationId, userId] were ever members, "conversationId userId" (one read; none when there are none). */
export async function pastMembers(tx: Driver, pairs: [string, string][]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await tx.all<{ conversationId: string; userId: string }>(
    `SELECT m."conversationId", m."userId" FROM ${jsonRows(tx.dialect, "v", [
      ["c", "text"],
      ["u", "text"],
    ])} JOIN "ConversationMember" m ON m."conversationId" = v."c" AND m."userId" = v."u"`,
    [json(pairs)],
  );
  return new Set(rows.map((r) => `${r.conversationId} ${r.userId}`));
}

/** The writes of a planned run of sends: seqs, messages, senders' watermarks and mentions, one statement each. */
export async function writeSends(
  tx: Driver,
  at: Date,
  plan: Pick<SendPlan, "lastSeqs" | "messages" | "watermarks" | "mentions">,
): Promise<void> {
  const time = toDbTime(tx.dialect, at);
  const dbTime = (iso: string | undefined) => (iso ? toDbTime(tx.dialect, new Date(iso)) : null);
  await tx.run(
    `UPDATE${orFail(tx.dialect)} "Conversation" SET "lastSeq" = v."n", "lastMessageAt" = ? FROM ${jsonRows(tx.dialect, "v", [
      ["c", "text"],
      ["n", "integer"],
    ])} WHERE "id" = v."c"`,
    [time, json(plan.lastSeqs)],
  );
  const columns = INSERT_COLUMNS.split(", ");
  await tx.run(
    `INSERT${orFail(tx.dialect)} INTO "Message" (${INSERT_COLUMNS}) SELECT ${columns.map((c) => `v.${c}`).join(", ")} FROM ${jsonRows(
      tx.dialect,
      "v",
      columns.map((c) => [c.slice(1, -1), INTEGER_COLUMNS.has(c) ? "integer" : TIME_COLUMNS.has(c) ? "timestamp" : "text"]),
    )}`,
    [
      json(
        plan.messages.map((m) => [
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
        ]),
      ),
    ],
  );
  if (plan.watermarks.length) await writeWatermarks(tx, time, plan.watermarks);
  // Mentions of current members (other than the sender) only.
  if (plan.mentions.length)
    await tx.run(
      `INSERT${orFail(tx.dialect)} INTO "MessageMention" ("userId", "conversationId", "seq") SELECT m."userId", m."conversationId", v."q" FROM ${jsonRows(
        tx.dialect,
        "v",
        [
          ["c", "text"],
          ["q", "integer"],
          ["s", "text"],
          ["n", "text"],
        ],
      )} JOIN "ConversationMember" m ON m."conversationId" = v."c" AND m."leftSeq" IS NULL AND m."userId" <> v."s" JOIN "User" u ON u."id" = m."userId" AND u."usernameKey" = v."n"`,
      [json(plan.mentions)],
    );
}

/** The reporters' rows, keyed "conversationId userId", with their conversations' last seqs and what withholds their receipts. */
export async function reporterRows(tx: Driver, conversationIds: string[], userIds: string[]): Promise<Map<string, ReporterRow>> {
  const rows = await tx.all(
    `SELECT ${qualified(RECEIPT_COLUMNS, "m")}, m."leftSeq", c."lastSeq", m."request", ${BLOCKED_PEER} AS "blocked" FROM "ConversationMember" m JOIN "Conversation" c ON c."id" = m."conversationId" WHERE m."conversationId" ${inJson(tx.dialect)} AND m."userId" ${inJson(tx.dialect)}`,
    [json(conversationIds), json(userIds)],
  );
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
