import type { ReceiptAck, ReceiptReport } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { membersFor } from "./conversation-access";

/**
 * Records that one of the user's devices stored ("delivered") or showed ("read") everything up to seq.
 * Watermarks only move forward. The user's other devices hear about a move, the other members only when
 * it moved the ticks; `origin` (the reporting connection) has the answer and is skipped.
 */
export async function reportReceipt(
  app: AppContext,
  userId: string,
  kind: "delivered" | "read",
  { conversationId, seq }: ReceiptReport,
  origin?: string,
): Promise<ReceiptAck> {
  const members = await membersFor(app, conversationId, userId);
  const { store, publisher, metrics } = app;
  const { receipt, changed, ticks, ticksMoved } = await store.advanceReceipt({ conversationId, userId, kind, seq });
  if (changed) {
    metrics.receipts.inc({ kind });
    const mine = { deliveredSeq: receipt.deliveredSeq, readSeq: receipt.readSeq };
    publisher.receiptUpdated(userId, { conversationId, ticks, mine }, members, ticksMoved, origin);
  }
  return { ...receipt, ticks };
}
