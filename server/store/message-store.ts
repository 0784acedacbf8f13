// Messages, receipts and sync: the hot path, on the database driver directly (see docs/architecture.md:
// Prisma's per-query cost would cap throughput). The services' one face of it: writes go through the
// write queue (write-queue.ts: plans in send-plan.ts and receipt-plan.ts, SQL in send-sql.ts and receipt-sql.ts), reads
// are in message-messages.ts; the tables themselves are defined in prisma/schema.prisma.
import type { ChatMessage, Watermarks } from "../../lib/contracts/messaging";
import { AppError } from "../errors";
import type { Driver } from "./driver";
import type { GroupCommit } from "./group-commit";
import * as members from "./member-reads";
import * as messages from "./message-reads";
import {
  ALL,
  type AppendInput,
  type AppendResult,
  type ConversationRow,
  type Membership,
  type ReceiptInput,
  type ReceiptResult,
  type SeqWindow,
  type SummaryRow,
} from "./message-types";
import { appendsIn } from "./message-writes";
import { type WriteOp, writeQueue } from "./write-queue";

// What server/services imports from here (their home is the module named).
export { activeMemberIds } from "./member-reads";
export { type AppendInput, type Membership, type SeqWindow, type SummaryRow, visibleAfter } from "./message-types";
export { acceptRequests } from "./send-sql";

export class MessageStore {
  private readonly writes: GroupCommit<WriteOp, unknown>;
  private readonly members = new Map<string, string[]>();
  private generation = 0;

  constructor(
    /** Reads outside the write queue (committed data only). */
    readonly reader: Driver,
    private readonly now: () => Date = () => new Date(),
    /** Runs after each write commit with the number of sends in it, before its callers hear of it (fault tests crash here). */
    afterCommit: (sends: number) => void = () => {},
  ) {
    this.writes = writeQueue(reader, now, afterCommit);
  }

  /** Stores a message (or finds the one this sender already sent with this client id); resolves after commit. */
  async append(input: AppendInput): Promise<AppendResult> {
    const result = await this.writes.submit({ type: "append", input });
    if (result instanceof AppError) throw result;
    return result as AppendResult;
  }

  /**
   * Stores one sender's run of messages in order, all in one transaction: a write that fails fails them
   * all (and they are retried in order), so a later one is never stored while an earlier one is not. A
   * refused send's result is its error; the others still go in. Resolves after commit.
   */
  appendAll(inputs: AppendInput[]): Promise<(AppendResult | AppError)[]> {
    return this.writes.submit({ type: "appends", inputs }) as Promise<(AppendResult | AppError)[]>;
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

  /** One message in a running write transaction (a group change's system message); a refused send throws. */
  async appendIn(tx: Driver, input: AppendInput): Promise<AppendResult> {
    const [result] = await appendsIn(tx, [input], this.now());
    if (result instanceof AppError) throw result;
    return result;
  }

  /** Current member ids, cached until a group change calls forget(). */
  async memberIds(conversationId: string): Promise<string[]> {
    const cached = this.members.get(conversationId);
    if (cached) return cached;
    // A read that started before a group change must not put the old list back after forget().
    const generation = this.generation;
    const ids = await members.activeMemberIds(this.reader, conversationId);
    if (ids.length && generation === this.generation) this.members.set(conversationId, ids);
    return ids;
  }

  /** The user's membership, current or past (null: never a member). */
  membership(conversationId: string, userId: string): Promise<Membership | null> {
    return members.membership(this.reader, conversationId, userId);
  }

  /** Whether a message carrying this file is one the user may see (they were a member when it was sent). */
  fileVisibleTo(userId: string, fileId: string): Promise<boolean> {
    return members.fileVisibleTo(this.reader, userId, fileId);
  }

  /** Those of `userIds` who share a conversation with `userId` (peers; not contacts, which need consent: privacy-sql.ts). */
  peersAmong(userId: string, userIds: string[]): Promise<string[]> {
    return members.peersAmong(this.reader, userId, userIds);
  }

  conversation(conversationId: string): Promise<ConversationRow | undefined> {
    return members.conversation(this.reader, conversationId);
  }

  /** The user's conversations, most recent activity first. */
  conversationIdsOf(userId: string): Promise<string[]> {
    return members.conversationIdsOf(this.reader, userId);
  }

  /** The summary rows of `userId` in these conversations, keyed by conversation (none where they never were a member). */
  summaryRows(userId: string, conversationIds: string[]): Promise<Map<string, SummaryRow>> {
    return members.summaryRows(this.reader, userId, conversationIds);
  }

  /** The ticks of these conversations (see floorsOf). */
  ticksOf(conversationIds: string[]): Promise<Map<string, Watermarks>> {
    return members.ticksOf(this.reader, conversationIds);
  }

  /** Messages with seq > afterSeq inside the window, oldest first; none that `viewer` deleted for themselves. */
  messagesAfter(
    conversationId: string,
    afterSeq: number,
    limit: number,
    window: SeqWindow = ALL,
    viewer: string | null = null,
  ): Promise<ChatMessage[]> {
    return messages.messagesAfter(this.reader, conversationId, afterSeq, limit, window, viewer);
  }

  /** The `limit` messages just below `beforeSeq` (the newest when null) inside the window, oldest first; none `viewer` deleted for themselves. */
  messagesBefore(
    conversationId: string,
    beforeSeq: number | null,
    limit: number,
    window: SeqWindow = ALL,
    viewer: string | null = null,
  ): Promise<ChatMessage[]> {
    return messages.messagesBefore(this.reader, conversationId, beforeSeq, limit, window, viewer);
  }

  /** Messages changed after change `after` up to `upTo`, inside the window, in change order (none `viewer` deleted for themselves). */
  changedAfter(conversationId: string, after: number, upTo: number, limit: number, window: SeqWindow, viewer: string) {
    return messages.changedAfter(this.reader, conversationId, after, upTo, limit, window, viewer);
  }

  /** The user's flags in a conversation that changed after flag change `after` up to `upTo`, in change order. */
  flagsAfter(userId: string, conversationId: string, after: number, upTo: number, limit: number) {
    return messages.flagsAfter(this.reader, userId, conversationId, after, upTo, limit);
  }

  /** Messages from others not yet delivered to the user, in conversation and seq order. */
  undelivered(userId: string, limit: number): Promise<ChatMessage[]> {
    return messages.undelivered(this.reader, userId, limit);
  }

  /** Current members with role and join time. */
  groupMembers(conversationId: string) {
    return members.groupMembers(this.reader, conversationId);
  }

  /** Counts and one page (by user id) of the other current members' watermarks, for message info. */
  messageInfo(conversationId: string, senderId: string, seq: number, after: string, limit: number) {
    return members.messageInfo(this.reader, conversationId, senderId, seq, after, limit);
  }

  async close(): Promise<void> {
    await this.writes.idle();
    await this.reader.close();
  }
}
