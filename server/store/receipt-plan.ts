// The rules of a batch of receipts, as plain functions of the rows read for it (no database, no clock:
// the time comes in), tested without a database in receipt-plan.test.ts. message-writes.ts reads the
// reporters' rows and the ticks, runs planReceipts, writes `moved`, reads the ticks again and finishes.
import type { ReceiptState, Watermarks } from "../../lib/contracts/messaging";
import type { ReceiptInput, ReceiptResult } from "./message-types";
import { sameWatermarks } from "./send-plan";

/** A reporter's row as read: their watermarks, and what may withhold their receipts. */
export interface ReporterRow {
  receipt: ReceiptState;
  /** The conversation's last seq: no watermark goes past it. */
  lastSeq: number;
  /** They left or were removed. */
  left: boolean;
  /** A message request they haven't accepted. */
  request: boolean;
  /** A direct chat where either member blocked the other. */
  blocked: boolean;
}

export interface ReceiptPlan {
  /** One per input: the member's watermarks as of the end of the batch, and whether this report is the one to push. */
  results: { receipt: ReceiptState; changed: boolean }[];
  /** The watermarks to write, one per member that moved. */
  moved: ReceiptState[];
  /** Conversation id → the index of the last input that moved one of its members. */
  lastMove: Map<string, number>;
}

export const memberKey = (r: Pick<ReceiptInput, "conversationId" | "userId">) => `${r.conversationId} ${r.userId}`;

/**
 * Applies the reports in order. A watermark never goes past the last message nor back; read implies
 * delivered; a member who left reports nothing, nor does one who hasn't accepted a message request or is
 * in a direct chat where either blocked the other. Only the last report that moved a member is `changed`,
 * so each member's move is pushed once, with its final watermarks.
 */
export function planReceipts(inputs: ReceiptInput[], rows: Map<string, ReporterRow>, now: Date): ReceiptPlan {
  const current = new Map<string, ReceiptState>();
  const moved = new Map<string, ReceiptState>();
  const lastMove = new Map<string, number>();
  const lastChange = new Map<string, number>();
  for (const [i, input] of inputs.entries()) {
    const { conversationId, userId, kind, seq } = input;
    const key = memberKey(input);
    const row = rows.get(key);
    if (!row) throw new Error(`${userId} is not a member of ${conversationId}`);
    const old = current.get(key) ?? row.receipt;
    const upTo = Math.min(seq, row.lastSeq);
    if (row.left || row.request || row.blocked || (kind === "read" ? old.readSeq : old.deliveredSeq) >= upTo) continue;
    const receipt = { ...old };
    if (old.deliveredSeq < upTo) Object.assign(receipt, { deliveredSeq: upTo, deliveredAt: now.toISOString() });
    if (kind === "read") Object.assign(receipt, { readSeq: upTo, readAt: now.toISOString() });
    current.set(key, receipt);
    moved.set(key, receipt);
    lastMove.set(conversationId, i);
    lastChange.set(key, i);
  }
  const results = inputs.map((input, i) => {
    const key = memberKey(input);
    return { receipt: current.get(key) ?? (rows.get(key) as ReporterRow).receipt, changed: lastChange.get(key) === i };
  });
  return { results, moved: [...moved.values()], lastMove };
}

/**
 * Each result with its conversation's ticks after the batch (`after`, else `before` when none of its
 * members moved); only the last report that moved a conversation says whether its ticks moved.
 */
export function receiptResults(
  inputs: ReceiptInput[],
  plan: ReceiptPlan,
  before: Map<string, Watermarks>,
  after: Map<string, Watermarks>,
): ReceiptResult[] {
  return inputs.map(({ conversationId }, i) => {
    const ticks = after.get(conversationId) ?? (before.get(conversationId) as Watermarks);
    const ticksMoved = plan.lastMove.get(conversationId) === i && !sameWatermarks(before.get(conversationId) as Watermarks, ticks);
    return { ...plan.results[i], ticks, ticksMoved };
  });
}
