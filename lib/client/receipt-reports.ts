// Delivery and read reports: what this device tells the server it holds and what the person has seen. Each
// report goes once per new high point; its ack moves my own watermarks in the store.
import { highestFromOthers } from "./messaging-state";
import type { MessagingStore } from "./messaging-store";
import { ACK_TIMEOUT_MS, type MessagingTransport } from "./transport";

export type ReportEvent = "message:delivered" | "conversation:read";

/** The chat on screen, as the UI last said (null for none); read while the tab is seen. */
export interface ChatView {
  open: string | null;
}

export interface ReportDeps {
  me: string;
  transport: MessagingTransport;
  store: MessagingStore;
  /** The conversation on screen while the tab is visible and focused, or null. */
  seen: () => string | null;
}

export type ReceiptReports = ReturnType<typeof receiptReports>;

export function receiptReports({ me, transport, store, seen }: ReportDeps) {
  const reported: Record<ReportEvent, Map<string, number>> = { "message:delivered": new Map(), "conversation:read": new Map() };

  function report(event: ReportEvent, conversationId: string, seq: number) {
    const conversation = store.getState().conversations[conversationId];
    // A message request I haven't accepted, or a chat I blocked, reports nothing (the server would ignore it).
    if (conversation?.request || conversation?.blocked) return;
    const mine = conversation?.mine;
    const done = Math.max(
      reported[event].get(conversationId) ?? 0,
      (event === "conversation:read" ? mine?.readSeq : mine?.deliveredSeq) ?? 0,
    );
    if (seq <= done || !transport.connected()) return;
    reported[event].set(conversationId, seq);
    const forget = () => reported[event].get(conversationId) === seq && reported[event].delete(conversationId);
    transport
      .request(event, { conversationId, seq }, ACK_TIMEOUT_MS)
      .then((ack) => (ack.ok ? store.applyReceipt({ conversationId, mine: ack.data, ticks: ack.data.ticks }) : forget()), forget);
  }

  /** Reports the open conversation as read when the tab is visible and focused. */
  function markRead() {
    const id = seen();
    if (id) report("conversation:read", id, highestFromOthers(store.getState().messages[id] ?? [], me));
  }

  /** Reports what a chat's receipts held back while it was a request or blocked (nothing, if nothing was). */
  function catchUp(conversationId: string) {
    report("message:delivered", conversationId, highestFromOthers(store.getState().messages[conversationId] ?? [], me));
    markRead();
  }

  return { report, markRead, catchUp };
}
