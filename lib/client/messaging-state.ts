// The messaging engine's state and the pure functions that merge server data into it. Every merge
// returns the same object when nothing changed, so React re-renders only what moved.
import type { ChatMessage, ConversationSummary, PresenceState, ReceiptState } from "@/lib/contracts/messaging";
import type { OutboxItem } from "./outbox";

export interface MessagingState {
  /** "loading" until the conversation list has been fetched once. */
  status: "loading" | "ready" | "error";
  conversations: Record<string, ConversationSummary>;
  /** Held messages per conversation, ascending seq, no duplicates. */
  messages: Record<string, ChatMessage[]>;
  /** Outbox items not yet acknowledged, oldest first. */
  pending: OutboxItem[];
  /** Users typing, per conversation. */
  typing: Record<string, string[]>;
  presence: Record<string, PresenceState>;
  /** Per conversation: older history is loading, failed to load, or all of it is held. */
  history: Record<string, "loading" | "error" | "done">;
  /** A message the server refused for good (e.g. too long), to tell the user about. */
  rejected: { conversationId: string | null; text: string; reason: string } | null;
}

export const initialState: MessagingState = {
  status: "loading",
  conversations: {},
  messages: {},
  pending: [],
  typing: {},
  presence: {},
  history: {},
  rejected: null,
};

/** Adds messages to an ascending list, ignoring ones already held (same seq or same server id). */
export function mergeMessages(list: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const seqs = new Set(list.map((m) => m.seq));
  const ids = new Set(list.map((m) => m.id));
  const fresh: ChatMessage[] = [];
  for (const m of incoming) {
    if (seqs.has(m.seq) || ids.has(m.id)) continue;
    seqs.add(m.seq);
    ids.add(m.id);
    fresh.push(m);
  }
  if (fresh.length === 0) return list;
  fresh.sort((a, b) => a.seq - b.seq);
  if (list.length === 0 || fresh[0].seq > list[list.length - 1].seq) return [...list, ...fresh];
  return [...list, ...fresh].sort((a, b) => a.seq - b.seq);
}

/** Watermarks only move forward: each field keeps the larger value. */
export function mergeReceipt(receipts: ReceiptState[], r: ReceiptState): ReceiptState[] {
  const old = receipts.find((x) => x.userId === r.userId);
  if (!old) return [...receipts, r];
  const next: ReceiptState = {
    ...old,
    deliveredSeq: Math.max(old.deliveredSeq, r.deliveredSeq),
    deliveredAt: r.deliveredSeq > old.deliveredSeq ? r.deliveredAt : old.deliveredAt,
    readSeq: Math.max(old.readSeq, r.readSeq),
    readAt: r.readSeq > old.readSeq ? r.readAt : old.readAt,
  };
  if (next.deliveredSeq === old.deliveredSeq && next.readSeq === old.readSeq) return receipts;
  return receipts.map((x) => (x === old ? next : x));
}

/** A fresh summary from the server, without letting it undo newer messages or receipts already applied. */
export function mergeSummary(old: ConversationSummary | undefined, incoming: ConversationSummary): ConversationSummary {
  if (!old) return incoming;
  const newer = incoming.lastSeq >= old.lastSeq ? incoming : old;
  return {
    ...incoming,
    lastSeq: newer.lastSeq,
    lastMessage: newer.lastMessage,
    lastMessageAt: newer.lastMessageAt,
    unreadCount: newer.unreadCount,
    receipts: old.receipts.reduce(mergeReceipt, incoming.receipts),
  };
}

/** The summary after a new message: it becomes the last one and, if someone else sent it unread, counts as unread. */
export function withMessage(summary: ConversationSummary, m: ChatMessage, me: string): ConversationSummary {
  if (m.seq <= summary.lastSeq) return summary;
  const readSeq = summary.receipts.find((r) => r.userId === me)?.readSeq ?? 0;
  const unread = m.senderId !== me && m.seq > readSeq;
  return {
    ...summary,
    lastSeq: m.seq,
    lastMessage: m,
    lastMessageAt: m.createdAt,
    unreadCount: summary.unreadCount + (unread ? 1 : 0),
  };
}

/** Unread count after my read watermark moved: exact when the held messages cover everything above it. */
export function recountUnread(summary: ConversationSummary, list: ChatMessage[], me: string): ConversationSummary {
  const readSeq = summary.receipts.find((r) => r.userId === me)?.readSeq ?? 0;
  const above = list.filter((m) => m.seq > readSeq);
  const covered = readSeq >= summary.lastSeq || (above[0]?.seq === readSeq + 1 && above.length === summary.lastSeq - readSeq);
  if (!covered) return summary;
  const unreadCount = above.filter((m) => m.senderId !== me).length;
  return unreadCount === summary.unreadCount ? summary : { ...summary, unreadCount };
}

/** The highest seq such that every seq from `cursor` up to it is held. */
export function contiguousCursor(cursor: number, list: ChatMessage[]): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].seq <= cursor) lo = mid + 1;
    else hi = mid;
  }
  let next = cursor;
  for (let i = lo; i < list.length && list[i].seq === next + 1; i++) next++;
  return next;
}

/** The highest seq of a message someone else sent, not above `upTo` (0 when there is none). */
export function highestFromOthers(list: ChatMessage[], me: string, upTo = Number.POSITIVE_INFINITY): number {
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].senderId !== me && list[i].seq <= upTo) return list[i].seq;
  }
  return 0;
}

/** The conversation an outbox item goes to (by id, or the direct chat with its `to` user). */
export function pendingIn(pending: OutboxItem[], conversation: ConversationSummary): OutboxItem[] {
  return pending.filter((p) => p.conversationId === conversation.id || (p.to !== undefined && p.to === conversation.peer.id));
}
