// Messages, receipts and sync: the hot path, on the database driver directly (see docs/architecture.md:
// Prisma's per-query cost would cap throughput). Writes go through one group-commit queue; the tables
// themselves are defined in prisma/schema.prisma.
import { randomUUID } from "node:crypto";
import type { ChatMessage, ReceiptState, Watermarks } from "../../lib/contracts/messaging";
import { AppError } from "../errors";
import { type Driver, fromDbTime, toDbTime } from "./driver";
import { GroupCommit } from "./group-commit";

export interface AppendInput {
  conversationId: string;
  senderId: string;
  clientId: string;
  text: string;
  /** System messages (group events) skip the sender checks; the group operation already made them. */
  kind?: ChatMessage["kind"];
  /** Lower-cased usernames @mentioned in the text; those who are current members (not the sender) are recorded. */
  mentions?: string[];
}
export interface AppendResult {
  message: ChatMessage;
  duplicate: boolean;
  /** Who gets it: the conversation's current members, read in the same transaction as the insert. */
  memberIds: string[];
  /** The conversation's ticks, when sending (which moves the sender's own watermarks) moved them. */
  ticksMoved?: Watermarks;
}
export interface Membership {
  role: "admin" | "member";
  joinedSeq: number;
  /** Set once the member left or was removed: they see messages up to here only. */
  leftSeq: number | null;
}
export interface ReceiptInput {
  conversationId: string;
  userId: string;
  kind: "delivered" | "read";
  seq: number;
}
export interface ReceiptResult {
  receipt: ReceiptState;
  changed: boolean;
  /** The lowest watermarks among current members, after the change. */
  ticks: Watermarks;
  ticksMoved: boolean;
}
export interface SummaryState {
  mine: Watermarks;
  ticks: Watermarks;
  /** Current members. */
  memberCount: number;
  /** The first other member by id (in a direct chat, the other person). */
  otherId: string | null;
}
export interface ConversationRow {
  id: string;
  kind: string;
  lastSeq: number;
  lastMessageAt: string | null;
  createdAt: string;
  name: string | null;
  description: string;
  onlyAdminsSend: boolean;
  onlyAdminsEdit: boolean;
  inviteCode: string | null;
  avatarKey: string | null;
}

/** The seqs a member may see: after `from` (when they joined) up to `to` (when they left, or SEQ_MAX). */
export interface SeqWindow {
  from: number;
  to: number;
}
const ALL: SeqWindow = { from: 0, to: 2_147_483_647 };

type WriteOp =
  | { type: "append"; input: AppendInput }
  | { type: "receipt"; input: ReceiptInput }
  | { type: "custom"; run: (tx: Driver) => Promise<unknown> };
type WriteResult = unknown;

const MESSAGE_COLUMNS = `"id", "clientId", "conversationId", "seq", "senderId", "kind", "text", "createdAt"`;

const RECEIPT_COLUMNS = `"conversationId", "userId", "deliveredSeq", "readSeq", "deliveredAt", "readAt"`;

const toMessage = (r: Record<string, unknown>): ChatMessage => ({
  id: r.id as string,
  clientId: r.clientId as string,
  conversationId: r.conversationId as string,
  seq: Number(r.seq),
  senderId: r.senderId as string,
  kind: r.kind === "system" ? "system" : "text",
  text: r.text as string,
  createdAt: fromDbTime(r.createdAt) as string,
});

const toReceipt = (r: Record<string, unknown>): ReceiptState => ({
  conversationId: r.conversationId as string,
  userId: r.userId as string,
  deliveredSeq: Number(r.deliveredSeq),
  readSeq: Number(r.readSeq),
  deliveredAt: fromDbTime(r.deliveredAt),
  readAt: fromDbTime(r.readAt),
});

export class MessageStore {
  private readonly writes: GroupCommit<WriteOp, WriteResult>;
  private readonly members = new Map<string, string[]>();
  private generation = 0;

  constructor(
    /** Reads outside the write queue (committed data only). */
    readonly reader: Driver,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.writes = new GroupCommit((ops) =>
      reader.transaction(async (tx) => {
        const results: WriteResult[] = new Array(ops.length);
        const receipts: number[] = [];
        for (const [i, op] of ops.entries()) {
          if (op.type === "receipt") receipts.push(i);
          else results[i] = op.type === "append" ? await this.appendIn(tx, op.input) : await op.run(tx);
        }
        // Receipts go last, all together. A report only covers messages its device already had, all
        // committed before it was made, so the sends in this batch can't change what it means.
        if (receipts.length) {
          const out = await this.receiptsIn(
            tx,
            receipts.map((i) => (ops[i] as Extract<WriteOp, { type: "receipt" }>).input),
          );
          for (const [k, i] of receipts.entries()) results[i] = out[k];
        }
        return results;
      }),
    );
  }

  /** Stores a message (or finds the one this sender already sent with this client id); resolves after commit. */
  append(input: AppendInput): Promise<AppendResult> {
    return this.writes.submit({ type: "append", input }) as Promise<AppendResult>;
  }

  /**
   * Runs `run` in the write queue's transaction, serialized with every message and receipt, so group
   * changes and sends are ordered by seq and never interleave. Resolves after commit.
   */
  transact<T>(run: (tx: Driver) => Promise<T>): Promise<T> {
    return this.writes.submit({ type: "custom", run }) as Promise<T>;
  }

  /** Drops cached membership after a group change. */
  forget(conversationId: string): void {
    this.generation++;
    this.members.delete(conversationId);
  }

  /** Moves a member's watermark forward (never back, never past the last message); resolves after commit. */
  advanceReceipt(input: ReceiptInput): Promise<ReceiptResult> {
    return this.writes.submit({ type: "receipt", input }) as Promise<ReceiptResult>;
  }

  /**
   * Appends inside a write transaction. Membership and the admins-only rule are checked here, in the same
   * transaction that takes the seq, so a send racing a removal is either before it (and reaches the
   * removed member) or refused; recipients are read here too.
   */
  async appendIn(
    tx: Driver,
    { conversationId, senderId, clientId, text, kind = "text", mentions = [] }: AppendInput,
  ): Promise<AppendResult> {
    const existing = await tx.get(`SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "senderId" = ? AND "clientId" = ?`, [senderId, clientId]);
    if (existing) return { message: toMessage(existing), duplicate: true, memberIds: await activeMemberIds(tx, conversationId) };
    const at = toDbTime(tx.dialect, this.now());
    const conv = await tx.get<{ lastSeq: number; kind: string; onlyAdminsSend: unknown }>(
      `UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "lastMessageAt" = ? WHERE "id" = ? RETURNING "lastSeq", "kind", "onlyAdminsSend"`,
      [at, conversationId],
    );
    if (!conv) throw new AppError("not_found", "Conversation not found");
    // One read gives the recipients, the sender's role and everyone's watermarks (for the ticks below).
    const members = await tx.all<MemberRow>(
      `SELECT "userId", "role", "deliveredSeq", "readSeq" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL`,
      [conversationId],
    );
    const sender = members.find((m) => m.userId === senderId);
    if (kind === "text") {
      if (!sender) {
        const past = await tx.get(`SELECT 1 AS "x" FROM "ConversationMember" WHERE "conversationId" = ? AND "userId" = ?`, [
          conversationId,
          senderId,
        ]);
        if (!past) throw new AppError("not_found", "Conversation not found");
        throw new AppError("forbidden", "You're no longer a member of this group");
      }
      if (conv.kind === "group" && truthy(conv.onlyAdminsSend) && sender.role !== "admin") {
        throw new AppError("forbidden", "Only admins can send messages to this group");
      }
    }
    const message = { id: randomUUID(), clientId, conversationId, seq: Number(conv.lastSeq), senderId, kind, text, createdAt: at };
    await tx.run(`INSERT INTO "Message" (${MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      message.id,
      clientId,
      conversationId,
      message.seq,
      senderId,
      kind,
      text,
      at,
    ]);
    let ticksMoved: Watermarks | undefined;
    if (sender) {
      // The sender has seen their own message (and, like replying in WhatsApp, everything before it).
      const old = { deliveredSeq: Number(sender.deliveredSeq), readSeq: Number(sender.readSeq) };
      const moved = { deliveredSeq: Math.max(old.deliveredSeq, message.seq), readSeq: message.seq };
      await tx.run(
        `UPDATE "ConversationMember" SET "readSeq" = ?, "readAt" = ?, "deliveredSeq" = ?, "deliveredAt" = CASE WHEN "deliveredSeq" < ? THEN ? ELSE "deliveredAt" END WHERE "conversationId" = ? AND "userId" = ?`,
        [moved.readSeq, at, moved.deliveredSeq, message.seq, at, conversationId, senderId],
      );
      const others = lowest(members.filter((m) => m !== sender));
      const after = lowerOf(moved, others);
      if (!sameWatermarks(lowerOf(old, others), after)) ticksMoved = after;
    }
    if (conv.kind === "group" && mentions.length) {
      await tx.run(
        `INSERT INTO "MessageMention" ("userId", "conversationId", "seq") SELECT m."userId", m."conversationId", ? FROM "ConversationMember" m JOIN "User" u ON u."id" = m."userId" WHERE m."conversationId" = ? AND m."leftSeq" IS NULL AND m."userId" <> ? AND u."usernameKey" IN (${mentions.map(() => "?").join(", ")})`,
        [message.seq, conversationId, senderId, ...mentions],
      );
    }
    return { message: toMessage(message), duplicate: false, memberIds: members.map((m) => m.userId), ticksMoved };
  }

  /**
   * A batch's receipts in three statements, however many there are: one read of the reporters' rows with
   * their conversations' ticks (two index seeks each), the rules applied here in order, one update of the
   * rows that moved, and the ticks again. Every result carries the member's watermarks and the ticks as
   * of the commit; only the last report that moved a member is `changed`, and only the last that moved a
   * conversation says whether its ticks moved, so each is pushed once.
   */
  private async receiptsIn(tx: Driver, inputs: ReceiptInput[]): Promise<ReceiptResult[]> {
    const ids = [...new Set(inputs.map((r) => r.conversationId))];
    const users = [...new Set(inputs.map((r) => r.userId))];
    const marks = (list: unknown[]) => list.map(() => "?").join(", ");
    const rows = await tx.all(
      `SELECT ${RECEIPT_COLUMNS.split(", ")
        .map((c) => `m.${c}`)
        .join(
          ", ",
        )}, m."leftSeq", c."lastSeq" FROM "ConversationMember" m JOIN "Conversation" c ON c."id" = m."conversationId" WHERE m."conversationId" IN (${marks(ids)}) AND m."userId" IN (${marks(users)})`,
      [...ids, ...users],
    );
    const before = await floorsOf(tx, ids);
    const held = new Map(rows.map((row) => [`${row.conversationId} ${row.userId}`, { row, receipt: toReceipt(row) }]));
    const now = this.now();
    const moved = new Map<string, ReceiptState>();
    const lastMove = new Map<string, number>();
    const lastChange = new Map<string, number>();
    const results = inputs.map(({ conversationId, userId, kind, seq }, i) => {
      const key = `${conversationId} ${userId}`;
      const member = held.get(key);
      if (!member) throw new Error(`${userId} is not a member of ${conversationId}`);
      const old = member.receipt;
      // Never past the last message; read implies delivered; a member who left reports nothing.
      const upTo = Math.min(seq, Number(member.row.lastSeq));
      if (member.row.leftSeq != null || (kind === "read" ? old.readSeq : old.deliveredSeq) >= upTo) return { receipt: old, changed: false };
      const receipt = { ...old };
      if (old.deliveredSeq < upTo) Object.assign(receipt, { deliveredSeq: upTo, deliveredAt: now.toISOString() });
      if (kind === "read") Object.assign(receipt, { readSeq: upTo, readAt: now.toISOString() });
      member.receipt = receipt;
      moved.set(key, receipt);
      lastMove.set(conversationId, i);
      lastChange.set(key, i);
      return { receipt, changed: true };
    });
    if (!moved.size) return results.map((r, i) => ({ ...r, ticks: before.get(inputs[i].conversationId) as Watermarks, ticksMoved: false }));
    const final = (i: number) => {
      const key = `${inputs[i].conversationId} ${inputs[i].userId}`;
      return { receipt: (held.get(key) as { receipt: ReceiptState }).receipt, changed: lastChange.get(key) === i };
    };
    const list = [...moved.values()];
    const at = toDbTime(tx.dialect, now);
    // Both dialects: VALUES columns are column1..n; SET expressions see the row as it was.
    await tx.run(
      `UPDATE "ConversationMember" SET "deliveredAt" = CASE WHEN v.d <> "deliveredSeq" THEN ? ELSE "deliveredAt" END, "readAt" = CASE WHEN v.r <> "readSeq" THEN ? ELSE "readAt" END, "deliveredSeq" = v.d, "readSeq" = v.r FROM (SELECT column1 AS c, column2 AS u, CAST(column3 AS INTEGER) AS d, CAST(column4 AS INTEGER) AS r FROM (VALUES ${list.map(() => "(?, ?, ?, ?)").join(", ")}) AS x) AS v WHERE "conversationId" = v.c AND "userId" = v.u`,
      [at, at, ...list.flatMap((r) => [r.conversationId, r.userId, r.deliveredSeq, r.readSeq])],
    );
    const after = await floorsOf(tx, [...new Set(list.map((r) => r.conversationId))]);
    return inputs.map(({ conversationId }, i) => {
      const ticks = after.get(conversationId) ?? (before.get(conversationId) as Watermarks);
      const ticksMoved = lastMove.get(conversationId) === i && !sameWatermarks(before.get(conversationId) as Watermarks, ticks);
      return { ...final(i), ticks, ticksMoved };
    });
  }

  /** Current member ids, cached until a group change calls forget(). */
  async memberIds(conversationId: string): Promise<string[]> {
    const cached = this.members.get(conversationId);
    if (cached) return cached;
    // A read that started before a group change must not put the old list back after forget().
    const generation = this.generation;
    const ids = await activeMemberIds(this.reader, conversationId);
    if (ids.length && generation === this.generation) this.members.set(conversationId, ids);
    return ids;
  }

  /** The user's membership, current or past (null: never a member). */
  async membership(conversationId: string, userId: string): Promise<Membership | null> {
    const row = await this.reader.get(
      `SELECT "role", "joinedSeq", "leftSeq" FROM "ConversationMember" WHERE "conversationId" = ? AND "userId" = ?`,
      [conversationId, userId],
    );
    if (!row) return null;
    return {
      role: row.role === "admin" ? "admin" : "member",
      joinedSeq: Number(row.joinedSeq),
      leftSeq: row.leftSeq == null ? null : Number(row.leftSeq),
    };
  }

  /** Those of `userIds` who share a conversation with `userId`. */
  async contactsOf(userId: string, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await this.reader.all<{ userId: string }>(
      `SELECT DISTINCT b."userId" FROM "ConversationMember" a JOIN "ConversationMember" b ON b."conversationId" = a."conversationId" AND b."leftSeq" IS NULL WHERE a."userId" = ? AND a."leftSeq" IS NULL AND b."userId" IN (${userIds.map(() => "?").join(", ")})`,
      [userId, ...userIds],
    );
    return rows.map((r) => r.userId);
  }

  async conversation(conversationId: string): Promise<ConversationRow | undefined> {
    const row = await this.reader.get(
      `SELECT "id", "kind", "lastSeq", "lastMessageAt", "createdAt", "name", "description", "onlyAdminsSend", "onlyAdminsEdit", "inviteCode", "avatarKey" FROM "Conversation" WHERE "id" = ?`,
      [conversationId],
    );
    if (!row) return undefined;
    return {
      id: row.id as string,
      kind: row.kind as string,
      lastSeq: Number(row.lastSeq),
      lastMessageAt: fromDbTime(row.lastMessageAt),
      createdAt: fromDbTime(row.createdAt) as string,
      name: (row.name as string | null) ?? null,
      description: (row.description as string) ?? "",
      onlyAdminsSend: truthy(row.onlyAdminsSend),
      onlyAdminsEdit: truthy(row.onlyAdminsEdit),
      inviteCode: (row.inviteCode as string | null) ?? null,
      avatarKey: (row.avatarKey as string | null) ?? null,
    };
  }

  /** The user's conversations, most recent activity first. */
  async conversationIdsOf(userId: string): Promise<string[]> {
    const rows = await this.reader.all<{ id: string }>(
      `SELECT c."id" FROM "Conversation" c JOIN "ConversationMember" m ON m."conversationId" = c."id" WHERE m."userId" = ? ORDER BY COALESCE(c."lastMessageAt", c."createdAt") DESC`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** The user's own watermarks, the conversation's ticks, its member count and another member, for summaries. */
  async summaryState(conversationId: string, userId: string): Promise<SummaryState> {
    const row = await this.reader.get(
      `SELECT m."deliveredSeq", m."readSeq", (SELECT COUNT(*) FROM "ConversationMember" c WHERE c."conversationId" = m."conversationId" AND c."leftSeq" IS NULL) AS "memberCount", (SELECT o."userId" FROM "ConversationMember" o WHERE o."conversationId" = m."conversationId" AND o."userId" <> m."userId" ORDER BY o."userId" LIMIT 1) AS "otherId" FROM "ConversationMember" m WHERE m."conversationId" = ? AND m."userId" = ?`,
      [conversationId, userId],
    );
    if (!row) throw new AppError("not_found", "Conversation not found");
    return {
      mine: { deliveredSeq: Number(row.deliveredSeq), readSeq: Number(row.readSeq) },
      ticks: (await floorsOf(this.reader, [conversationId])).get(conversationId) ?? { deliveredSeq: 0, readSeq: 0 },
      memberCount: Number(row.memberCount),
      otherId: (row.otherId as string | null) ?? null,
    };
  }

  /** Messages with seq > afterSeq inside the window, oldest first. */
  async messagesAfter(conversationId: string, afterSeq: number, limit: number, window: SeqWindow = ALL): Promise<ChatMessage[]> {
    const rows = await this.reader.all(
      `SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "conversationId" = ? AND "seq" > ? AND "seq" <= ? ORDER BY "seq" LIMIT ?`,
      [conversationId, Math.max(afterSeq, window.from), window.to, limit],
    );
    return rows.map(toMessage);
  }

  /** The `limit` messages just below `beforeSeq` (the newest when null) inside the window, oldest first. */
  async messagesBefore(conversationId: string, beforeSeq: number | null, limit: number, window: SeqWindow = ALL): Promise<ChatMessage[]> {
    const rows = await this.reader.all(
      `SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "conversationId" = ? AND "seq" < ? AND "seq" > ? AND "seq" <= ? ORDER BY "seq" DESC LIMIT ?`,
      [conversationId, beforeSeq ?? ALL.to, window.from, window.to, limit],
    );
    return rows.map(toMessage).reverse();
  }

  /** Messages from others above the user's read watermark, and how many of them @mention the user. */
  async unread(conversationId: string, userId: string): Promise<{ count: number; mentions: number }> {
    const visible = (seq: string) => `${seq} > m."readSeq" AND ${seq} <= COALESCE(m."leftSeq", ${ALL.to})`;
    const row = await this.reader.get<{ n: number; mentions: number }>(
      `SELECT (SELECT COUNT(*) FROM "Message" msg WHERE msg."conversationId" = m."conversationId" AND ${visible('msg."seq"')} AND msg."senderId" <> m."userId") AS "n", (SELECT COUNT(*) FROM "MessageMention" mm WHERE mm."userId" = m."userId" AND mm."conversationId" = m."conversationId" AND ${visible('mm."seq"')}) AS "mentions" FROM "ConversationMember" m WHERE m."conversationId" = ? AND m."userId" = ?`,
      [conversationId, userId],
    );
    return { count: Number(row?.n ?? 0), mentions: Number(row?.mentions ?? 0) };
  }

  /** Messages from others not yet delivered to the user, in conversation and seq order. */
  async undelivered(userId: string, limit: number): Promise<ChatMessage[]> {
    const rows = await this.reader.all(
      `SELECT ${MESSAGE_COLUMNS.split(", ")
        .map((c) => `msg.${c}`)
        .join(
          ", ",
        )} FROM "ConversationMember" m JOIN "Message" msg ON msg."conversationId" = m."conversationId" AND msg."seq" > m."deliveredSeq" AND msg."seq" <= COALESCE(m."leftSeq", ${ALL.to}) WHERE m."userId" = ? AND msg."senderId" <> ? ORDER BY msg."conversationId", msg."seq" LIMIT ?`,
      [userId, userId, limit],
    );
    return rows.map(toMessage);
  }

  /** Current members with role and join time. */
  async groupMembers(conversationId: string): Promise<{ userId: string; role: "admin" | "member"; joinedAt: string }[]> {
    const rows = await this.reader.all(
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
  async messageInfo(conversationId: string, senderId: string, seq: number, after: string, limit: number) {
    const counts = await this.reader.get(
      `SELECT COUNT(*) AS "total", SUM(CASE WHEN "deliveredSeq" >= ? THEN 1 ELSE 0 END) AS "delivered", SUM(CASE WHEN "readSeq" >= ? THEN 1 ELSE 0 END) AS "read" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL AND "userId" <> ?`,
      [seq, seq, conversationId, senderId],
    );
    const rows = await this.reader.all(
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

  async close(): Promise<void> {
    await this.writes.idle();
    await this.reader.close();
  }
}

export const truthy = (v: unknown) => v === true || v === 1 || v === "1";

const sameWatermarks = (a: Watermarks, b: Watermarks) => a.deliveredSeq === b.deliveredSeq && a.readSeq === b.readSeq;

interface MemberRow {
  userId: string;
  role: string;
  deliveredSeq: number;
  readSeq: number;
}

/** The lowest watermarks among these members (null for none). */
function lowest(members: MemberRow[]): Watermarks | null {
  if (!members.length) return null;
  return {
    deliveredSeq: Math.min(...members.map((m) => Number(m.deliveredSeq))),
    readSeq: Math.min(...members.map((m) => Number(m.readSeq))),
  };
}

/**
 * The ticks of each conversation: the lowest delivered and read watermarks among its current members,
 * two index seeks each, however big the group.
 */
async function floorsOf(db: Driver, conversationIds: string[]): Promise<Map<string, Watermarks>> {
  const lowest = (column: string) =>
    `(SELECT m."${column}" FROM "ConversationMember" m WHERE m."conversationId" = c."id" AND m."leftSeq" IS NULL ORDER BY m."${column}" LIMIT 1)`;
  const rows = await db.all(
    `SELECT c."id", ${lowest("deliveredSeq")} AS "d", ${lowest("readSeq")} AS "r" FROM "Conversation" c WHERE c."id" IN (${conversationIds.map(() => "?").join(", ")})`,
    conversationIds,
  );
  return new Map(rows.map((r) => [r.id as string, { deliveredSeq: Number(r.d ?? 0), readSeq: Number(r.r ?? 0) }]));
}

/** The ticks when one member has `mine` and the others' lowest are `others`. */
const lowerOf = (mine: Watermarks, others: Watermarks | null): Watermarks =>
  others
    ? { deliveredSeq: Math.min(mine.deliveredSeq, others.deliveredSeq), readSeq: Math.min(mine.readSeq, others.readSeq) }
    : { deliveredSeq: mine.deliveredSeq, readSeq: mine.readSeq };

export async function activeMemberIds(db: Driver, conversationId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(
    `SELECT "userId" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL`,
    [conversationId],
  );
  return rows.map((r) => r.userId);
}
