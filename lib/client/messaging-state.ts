// The messaging engine's state and the pure functions that merge server data into it. Every merge
// returns the same object when nothing changed, so React re-renders only what moved.
import type { GroupInfo } from "@/lib/contracts/groups";
import type { ChatMessage, ConversationSummary, PresenceState, Watermarks } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import { mentionsUser } from "../shared/mentions";
import type { OutboxItem } from "./outbox";

/** Who this device is signed in as: mentions are of the username. */
export interface Me {
  id: string;
  username: string;
}

/** A message that just @mentioned me in a chat I'm not looking at, to tell me about. */
export interface MentionNotice {
  conversationId: string;
  message: ChatMessage;
}

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
  /** The latest live message that @mentioned me in a chat not on screen (cleared when shown long enough or opened). */
  mention: MentionNotice | null;
  /** Messages I starred, by starKey. */
  starred: Record<string, true>;
  /** A message to scroll to and highlight (a quote, a search result or a starred message was chosen). */
  focus: { conversationId: string; seq: number; at: number } | null;
}

export const starKey = (conversationId: string, seq: number) => `${conversationId}:${seq}`;

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
  mention: null,
  starred: {},
  focus: null,
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

/** The list with held messages replaced by their newer versions (by seq); the same list when none is held. */
export function replaceMessages(list: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(incoming.map((m) => [m.seq, m]));
  let changed = false;
  const next = list.map((m) => {
    const newer = bySeq.get(m.seq);
    // An older version (a push overtaken by a sync) never replaces a newer one.
    if (!newer || newer.id !== m.id || (newer.changedSeq ?? 0) < (m.changedSeq ?? 0)) return m;
    changed = true;
    return newer;
  });
  return changed ? next : list;
}

/** Watermarks only move forward: each keeps the larger value (the same object when nothing moved). */
export function mergeWatermarks(old: Watermarks, w: Watermarks): Watermarks {
  if (w.deliveredSeq <= old.deliveredSeq && w.readSeq <= old.readSeq) return old;
  return { deliveredSeq: Math.max(old.deliveredSeq, w.deliveredSeq), readSeq: Math.max(old.readSeq, w.readSeq) };
}

/** A fresh summary from the server, without letting it undo newer messages or watermarks already applied. */
export function mergeSummary(old: ConversationSummary | undefined, incoming: ConversationSummary): ConversationSummary {
  if (!old) return incoming;
  // A clear (from any of my devices) takes the last message and unread counts away with it.
  const newer = incoming.lastSeq >= old.lastSeq || incoming.clearedSeq > old.clearedSeq ? incoming : old;
  return {
    ...incoming,
    // Every group change records a system message, so the summary with the higher seq has the newer
    // group info (summaries of two quick changes can arrive out of order).
    group: newer.group,
    lastSeq: newer.lastSeq,
    lastMessage: newer.lastMessage,
    lastMessageAt: newer.lastMessageAt,
    unreadCount: newer.unreadCount,
    unreadMentions: newer.unreadMentions,
    mine: mergeWatermarks(old.mine, incoming.mine),
    ticks: mergeWatermarks(old.ticks, incoming.ticks),
    clearedSeq: Math.max(old.clearedSeq, incoming.clearedSeq),
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

/** Whether a message @mentions me: someone else's text in a group naming my username (as the server counts them). */
export function mentionsMe(summary: ConversationSummary, m: ChatMessage, me: Me): boolean {
  return summary.kind === "group" && m.type === "text" && m.senderId !== me.id && mentionsUser(m.text, me.username);
}

/**
 * The summary after a new message: it becomes the last one and, if someone else sent it unread, counts as
 * unread, and as an unread mention if it mentions me, unless the chat is `seen` (on screen) as it arrives.
 */
export function withMessage(summary: ConversationSummary, m: ChatMessage, me: Me, seen = false): ConversationSummary {
  const own = m.senderId === me.id;
  // Sending moves my own watermarks to my message (the server does the same).
  const mine = own ? mergeWatermarks(summary.mine, { deliveredSeq: m.seq, readSeq: m.seq }) : summary.mine;
  if (m.seq <= summary.lastSeq) return mine === summary.mine ? summary : { ...summary, mine };
  const unread = !own && m.seq > mine.readSeq;
  const mention = unread && !seen && mentionsMe(summary, m, me);
  return {
    ...summary,
    mine,
    lastSeq: m.seq,
    lastMessage: m,
    lastMessageAt: m.createdAt,
    // My newest message means I've read everything before it.
    unreadCount: own ? 0 : summary.unreadCount + (unread ? 1 : 0),
    unreadMentions: own ? 0 : summary.unreadMentions + (mention ? 1 : 0),
  };
}

/** Unread counts after my read watermark moved: exact when the held messages cover everything above it. */
export function recountUnread(summary: ConversationSummary, list: ChatMessage[], me: Me): ConversationSummary {
  const readSeq = summary.mine.readSeq;
  const above = list.filter((m) => m.seq > readSeq);
  const covered = readSeq >= summary.lastSeq || (above[0]?.seq === readSeq + 1 && above.length === summary.lastSeq - readSeq);
  if (!covered) return summary;
  const unreadCount = above.filter((m) => m.senderId !== me.id).length;
  const unreadMentions = above.filter((m) => mentionsMe(summary, m, me)).length;
  if (unreadCount === summary.unreadCount && unreadMentions === summary.unreadMentions) return summary;
  return { ...summary, unreadCount, unreadMentions };
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
export function pendingIn(pending: OutboxItem[], conversation: Pick<ConversationSummary, "id" | "peer">): OutboxItem[] {
  return pending.filter((p) => p.conversationId === conversation.id || (p.to !== undefined && p.to === conversation.peer?.id));
}
