// Messages, receipts and sync: the hot path, on the database driver directly (see docs/architecture.md:
// Prisma's per-query cost would cap throughput). Writes go through one group-commit queue; the tables
// themselves are defined in prisma/schema.prisma.
import { randomUUID } from "node:crypto";
import type { ChatMessage, ReceiptState } from "../../lib/contracts/messaging";
import { type Driver, fromDbTime, toDbTime } from "./driver";
import { GroupCommit } from "./group-commit";

export interface AppendInput {
  conversationId: string;
  senderId: string;
  clientId: string;
  text: string;
}
export interface AppendResult {
  message: ChatMessage;
  duplicate: boolean;
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
}
export interface ConversationRow {
  id: string;
  kind: string;
  lastSeq: number;
  lastMessageAt: string | null;
  createdAt: string;
}

type WriteOp = { type: "append"; input: AppendInput } | { type: "receipt"; input: ReceiptInput };
type WriteResult = AppendResult | ReceiptResult;

const MESSAGE_COLUMNS = `"id", "clientId", "conversationId", "seq", "senderId", "text", "createdAt"`;
const RECEIPT_COLUMNS = `"conversationId", "userId", "deliveredSeq", "readSeq", "deliveredAt", "readAt"`;

const toMessage = (r: Record<string, unknown>): ChatMessage => ({
  id: r.id as string,
  clientId: r.clientId as string,
  conversationId: r.conversationId as string,
  seq: Number(r.seq),
  senderId: r.senderId as string,
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

  constructor(
    private readonly db: Driver,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.writes = new GroupCommit((ops) =>
      db.transaction(async (tx) => {
        const results: WriteResult[] = [];
        for (const op of ops) results.push(op.type === "append" ? await this.appendOne(tx, op.input) : await this.receiptOne(tx, op.input));
        return results;
      }),
    );
  }

  /** Stores a message (or finds the one this sender already sent with this client id); resolves after commit. */
  append(input: AppendInput): Promise<AppendResult> {
    return this.writes.submit({ type: "append", input }) as Promise<AppendResult>;
  }

  /** Moves a member's watermark forward (never back, never past the last message); resolves after commit. */
  advanceReceipt(input: ReceiptInput): Promise<ReceiptResult> {
    return this.writes.submit({ type: "receipt", input }) as Promise<ReceiptResult>;
  }

  private async appendOne(tx: Driver, { conversationId, senderId, clientId, text }: AppendInput): Promise<AppendResult> {
    const existing = await tx.get(`SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "senderId" = ? AND "clientId" = ?`, [senderId, clientId]);
    if (existing) return { message: toMessage(existing), duplicate: true };
    const at = toDbTime(tx.dialect, this.now());
    const conv = await tx.get<{ lastSeq: number }>(
      `UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "lastMessageAt" = ? WHERE "id" = ? RETURNING "lastSeq"`,
      [at, conversationId],
    );
    if (!conv) throw new Error(`conversation ${conversationId} does not exist`);
    const message = { id: randomUUID(), clientId, conversationId, seq: Number(conv.lastSeq), senderId, text, createdAt: at };
    await tx.run(`INSERT INTO "Message" (${MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      message.id,
      clientId,
      conversationId,
      message.seq,
      senderId,
      text,
      at,
    ]);
    return { message: toMessage(message), duplicate: false };
  }

  private async receiptOne(tx: Driver, { conversationId, userId, kind, seq }: ReceiptInput): Promise<ReceiptResult> {
    const at = toDbTime(tx.dialect, this.now());
    const cap = `(SELECT "lastSeq" FROM "Conversation" WHERE "id" = ?)`;
    // Read implies delivered, so a read report lifts both watermarks.
    const changes =
      kind === "delivered"
        ? await tx.run(
            `UPDATE "ConversationMember" SET "deliveredSeq" = MIN(?, ${cap}), "deliveredAt" = ? WHERE "conversationId" = ? AND "userId" = ? AND "deliveredSeq" < MIN(?, ${cap})`.replaceAll(
              "MIN(",
              tx.dialect === "sqlite" ? "MIN(" : "LEAST(",
            ),
            [seq, conversationId, at, conversationId, userId, seq, conversationId],
          )
        : await tx.run(
            `UPDATE "ConversationMember" SET "readSeq" = MIN(?, ${cap}), "readAt" = ?, "deliveredSeq" = MAX("deliveredSeq", MIN(?, ${cap})), "deliveredAt" = CASE WHEN "deliveredSeq" < MIN(?, ${cap}) THEN ? ELSE "deliveredAt" END WHERE "conversationId" = ? AND "userId" = ? AND "readSeq" < MIN(?, ${cap})`
              .replaceAll("MIN(", tx.dialect === "sqlite" ? "MIN(" : "LEAST(")
              .replaceAll("MAX(", tx.dialect === "sqlite" ? "MAX(" : "GREATEST("),
            [seq, conversationId, at, seq, conversationId, seq, conversationId, at, conversationId, userId, seq, conversationId],
          );
    const row = await tx.get(`SELECT ${RECEIPT_COLUMNS} FROM "ConversationMember" WHERE "conversationId" = ? AND "userId" = ?`, [
      conversationId,
      userId,
    ]);
    if (!row) throw new Error(`${userId} is not a member of ${conversationId}`);
    return { receipt: toReceipt(row), changed: changes > 0 };
  }

  /** Member ids, cached: membership of a direct chat never changes. */
  async memberIds(conversationId: string): Promise<string[]> {
    const cached = this.members.get(conversationId);
    if (cached) return cached;
    const rows = await this.db.all<{ userId: string }>(`SELECT "userId" FROM "ConversationMember" WHERE "conversationId" = ?`, [
      conversationId,
    ]);
    if (rows.length)
      this.members.set(
        conversationId,
        rows.map((r) => r.userId),
      );
    return rows.map((r) => r.userId);
  }

  /** Those of `userIds` who share a conversation with `userId`. */
  async contactsOf(userId: string, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await this.db.all<{ userId: string }>(
      `SELECT DISTINCT b."userId" FROM "ConversationMember" a JOIN "ConversationMember" b ON b."conversationId" = a."conversationId" WHERE a."userId" = ? AND b."userId" IN (${userIds.map(() => "?").join(", ")})`,
      [userId, ...userIds],
    );
    return rows.map((r) => r.userId);
  }

  async conversation(conversationId: string): Promise<ConversationRow | undefined> {
    const row = await this.db.get(`SELECT "id", "kind", "lastSeq", "lastMessageAt", "createdAt" FROM "Conversation" WHERE "id" = ?`, [
      conversationId,
    ]);
    return (
      row && {
        id: row.id as string,
        kind: row.kind as string,
        lastSeq: Number(row.lastSeq),
        lastMessageAt: fromDbTime(row.lastMessageAt),
        createdAt: fromDbTime(row.createdAt) as string,
      }
    );
  }

  /** The user's conversations, most recent activity first. */
  async conversationIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(
      `SELECT c."id" FROM "Conversation" c JOIN "ConversationMember" m ON m."conversationId" = c."id" WHERE m."userId" = ? ORDER BY COALESCE(c."lastMessageAt", c."createdAt") DESC`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  async receipts(conversationId: string): Promise<ReceiptState[]> {
    return (
      await this.db.all(`SELECT ${RECEIPT_COLUMNS} FROM "ConversationMember" WHERE "conversationId" = ? ORDER BY "userId"`, [
        conversationId,
      ])
    ).map(toReceipt);
  }

  /** Messages with seq > afterSeq, oldest first. */
  async messagesAfter(conversationId: string, afterSeq: number, limit: number): Promise<ChatMessage[]> {
    const rows = await this.db.all(
      `SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "conversationId" = ? AND "seq" > ? ORDER BY "seq" LIMIT ?`,
      [conversationId, afterSeq, limit],
    );
    return rows.map(toMessage);
  }

  /** The `limit` messages just below `beforeSeq` (the newest when null), oldest first. */
  async messagesBefore(conversationId: string, beforeSeq: number | null, limit: number): Promise<ChatMessage[]> {
    const rows = await this.db.all(
      `SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "conversationId" = ? AND "seq" < ? ORDER BY "seq" DESC LIMIT ?`,
      [conversationId, beforeSeq ?? 2_147_483_647, limit],
    );
    return rows.map(toMessage).reverse();
  }

  /** Messages from others above the user's read watermark. */
  async unreadCount(conversationId: string, userId: string): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      `SELECT COUNT(*) AS "n" FROM "Message" msg JOIN "ConversationMember" m ON m."conversationId" = msg."conversationId" AND m."userId" = ? WHERE msg."conversationId" = ? AND msg."seq" > m."readSeq" AND msg."senderId" <> ?`,
      [userId, conversationId, userId],
    );
    return Number(row?.n ?? 0);
  }

  /** Messages from others not yet delivered to the user, in conversation and seq order. */
  async undelivered(userId: string, limit: number): Promise<ChatMessage[]> {
    const rows = await this.db.all(
      `SELECT ${MESSAGE_COLUMNS.split(", ")
        .map((c) => `msg.${c}`)
        .join(
          ", ",
        )} FROM "ConversationMember" m JOIN "Message" msg ON msg."conversationId" = m."conversationId" AND msg."seq" > m."deliveredSeq" WHERE m."userId" = ? AND msg."senderId" <> ? ORDER BY msg."conversationId", msg."seq" LIMIT ?`,
      [userId, userId, limit],
    );
    return rows.map(toMessage);
  }

  async close(): Promise<void> {
    await this.writes.idle();
    await this.db.close();
  }
}
