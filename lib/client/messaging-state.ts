// The messaging engine's state and the pure functions that merge server data into it. Every merge
// returns the same object when nothing changed, so React re-renders only what moved.
import type { GroupInfo } from "@/lib/contracts/groups";
import type { ChatMessage, ConversationSummary, PresenceState, ReceiptState } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
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
  /** Members, roles and invite link of the groups whose info was loaded (the summary's `group` stays the live settings). */
  groups: Record<string, GroupInfo>;
  /** Everyone whose profile is known (peers, group members, senders looked up), for names in groups. */
  users: Record<string, PublicUser>;
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
  groups: {},
  users: {},
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

/**
 * A fresh summary from the server, without letting it undo newer messages or receipts already applied.
 * Its receipts say who the current members are: someone who left or was removed no longer counts for the ticks.
 */
export function mergeSummary(old: ConversationSummary | undefined, incoming: ConversationSummary): ConversationSummary {
  if (!old) return incoming;
  const newer = incoming.lastSeq >= old.lastSeq ? incoming : old;
  return {
    ...incoming,
    lastSeq: newer.lastSeq,
    lastMessage: newer.lastMessage,
    lastMessageAt: newer.lastMessageAt,
    unreadCount: newer.unreadCount,
    receipts: incoming.receipts.map((r) => {
      const held = old.receipts.find((x) => x.userId === r.userId);
      return held ? mergeReceipt([held], r)[0] : r;
    }),
  };
}

/** Adds or refreshes users in the directory; the same object when nothing changed. */
export function mergeUsers(users: Record<string, PublicUser>, incoming: PublicUser[]): Record<string, PublicUser> {
  const same = (a: PublicUser | undefined, b: PublicUser) =>
    a?.username === b.username && a.displayName === b.displayName && a.about === b.about && a.avatarUrl === b.avatarUrl;
  const fresh = incoming.filter((u) => !same(users[u.id], u));
  if (fresh.length === 0) return users;
  return { ...users, ...Object.fromEntries(fresh.map((u) => [u.id, u])) };
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
  return pending.filter((p) => p.conversationId === conversation.id || (p.to !== undefined && p.to === conversation.peer?.id));
}
