// A run of sends and a batch of receipts in the write queue's transaction: read what the plan needs (a
// few statements, however many there are), plan (send-plan.ts, receipt-plan.ts), write the plan.
import { v7 as uuidv7 } from "uuid";
import { AppError } from "../errors";
import type { Driver } from "./driver";
import { toDbTime } from "./driver";
import { messagesAt, withQuotes } from "./message-reads";
import type { AppendInput, AppendResult, ReceiptInput, ReceiptResult } from "./message-types";
import { blocksAmong } from "./privacy-sql";
import { planReceipts, receiptResults } from "./receipt-plan";
import { floorsOf, reporterRows, writeWatermarks } from "./receipt-sql";
import { directPairs, firstSends, planSends, strangers } from "./send-plan";
import { acceptRequests, hideFrom, lockConversations, pastMembers, sendTargets, storedSends, writeSends } from "./send-sql";

/**
 * Appends a run of messages in a write transaction, in the same few statements however many there are
 * (only a send from a non-member, or replies, cost a read more). Membership and the admins-only rule
 * are checked in the transaction that takes the seqs, so a send racing a removal is either before it (and
 * reaches the removed member) or refused; recipients are read here too. A refused send's result is its
 * error, so its neighbours still go through.
 */
export async function appendsIn(tx: Driver, inputs: AppendInput[], at: Date): Promise<(AppendResult | AppError)[]> {
  await lockConversations(tx, inputs);
  // A retry gets the stored original; the same send twice in this run, the first one's result.
  const stored = await storedSends(tx, inputs);
  const sends = [...firstSends(inputs, stored).values()].map((i) => inputs[i]);
  const ids = new Set([...sends.map((s) => s.conversationId), ...[...stored.values()].map((m) => m.conversationId)]);
  const targets = await sendTargets(tx, [...ids]);
  const quoted = await messagesAt(
    tx,
    sends.flatMap((i) => (i.replyTo === undefined ? [] : [[i.conversationId, i.replyTo] as const])),
  );
  const blocks = await blocksAmong(tx, directPairs(targets));
  const formerMembers = await pastMembers(tx, strangers(sends, targets));
  const plan = planSends(inputs, { stored, targets, quoted, blocks, formerMembers }, at, uuidv7);
  if (plan.messages.length) await writeSends(tx, at, plan);
  if (plan.hidden.length) await hideFrom(tx, plan.hidden);
  if (plan.consents.length) await acceptRequests(tx, plan.consents);
  // A retry's stored original gets its quote as it is now.
  await withQuotes(
    tx,
    plan.results.flatMap((r) => (r instanceof AppError || !r.duplicate ? [] : [r.message])),
  );
  return plan.results;
}

/**
 * A batch's receipts in three statements, however many there are: one read of the reporters' rows with
 * their conversations' ticks (two index seeks each), the plan, one update of the rows that moved, and
 * the ticks again. Every result carries the member's watermarks and the ticks as of the commit.
 */
export async function receiptsIn(tx: Driver, inputs: ReceiptInput[], now: Date): Promise<ReceiptResult[]> {
  const ids = [...new Set(inputs.map((r) => r.conversationId))];
  const rows = await reporterRows(tx, ids, [...new Set(inputs.map((r) => r.userId))]);
  const before = await floorsOf(tx, ids);
  const plan = planReceipts(inputs, rows, now);
  if (!plan.moved.length) return receiptResults(inputs, plan, before, new Map());
  await writeWatermarks(
    tx,
    toDbTime(tx.dialect, now),
    plan.moved.map((r) => [r.conversationId, r.userId, r.deliveredSeq, r.readSeq]),
  );
  const after = await floorsOf(tx, [...new Set(plan.moved.map((r) => r.conversationId))]);
  return receiptResults(inputs, plan, before, after);
}
