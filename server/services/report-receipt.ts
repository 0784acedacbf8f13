import type { ReceiptReport, ReceiptState } from "../../lib/contracts/messaging";
import { ctx } from "../context";
import { membersFor } from "./conversation-access";

/**
 * Records that one of the user's devices stored ("delivered") or showed ("read") everything up to seq.
 * Watermarks only move forward; members hear about a move, not about a report that changed nothing.
 */
export async function reportReceipt(
  userId: string,
  kind: "delivered" | "read",
  { conversationId, seq }: ReceiptReport,
): Promise<ReceiptState> {
  const members = await membersFor(conversationId, userId);
  const { store, publisher } = ctx();
  const { receipt, changed } = await store.advanceReceipt({ conversationId, userId, kind, seq });
  if (changed) publisher.receiptUpdated(receipt, members);
  return receipt;
}
