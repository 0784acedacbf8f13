// Read-only views of the messaging state for the UI: the chat list order, the rows of a conversation
// (day separators, messages, pending items) and whether older history remains.
import type { ChatMessage, ConversationSummary, MessageType } from "@/lib/contracts/messaging";
import type { MessageContent } from "../shared/message-preview";
import { dayKey } from "./format-time";
import { pendingContent } from "./message-preview";
import { type MessagingState, pendingIn } from "./messaging-state";
import type { OutboxItem } from "./outbox";

/** A moment this device noticed someone's devices change ("<Name>'s security code changed"). */
export interface SecurityChange {
  userId: string;
  /** ms since the epoch. */
  at: number;
}

/**
 * The "security code changed" moments an encrypted chat shows: its other person's, or in a group each other
 * member's (of those this device knows: `members`, from the group's info), from what verification noticed.
 */
export function securityChangesIn(
  conversation: Pick<ConversationSummary, "encrypted" | "kind" | "peer">,
  members: readonly string[],
  noticed: Readonly<Record<string, { changes: readonly number[] }>>,
  me: string,
): SecurityChange[] {
  if (!conversation.encrypted) return [];
  const people = conversation.kind === "direct" ? [conversation.peer?.id ?? me] : members;
  return people.filter((id) => id !== me).flatMap((userId) => (noticed[userId]?.changes ?? []).map((at) => ({ userId, at })));
}

export type ChatItem =
  | { kind: "day"; key: string; at: Date }
  /** `first`: the first of a run of messages from one sender (it gets the bubble's tail, and in groups the sender's name). */
  | { kind: "message"; key: string; message: ChatMessage; mine: boolean; first: boolean }
  | { kind: "pending"; key: string; item: OutboxItem; first: boolean }
  /** A group event ("Ana added Ben"): centered, and it ends the run of the messages before it. */
  | { kind: "system"; key: string; message: ChatMessage }
  /** The end-to-end encryption notice: at the start of an encrypted chat, or where a chat's encryption began. */
  | { kind: "encryption"; key: string; since: boolean; at: Date }
  /** "<Name>'s security code changed": where this device noticed a member's devices change. */
  | { kind: "security"; key: string; at: Date; userId: string }
  /** "3 unread messages": above the first message that was unread when the chat was opened. */
  | { kind: "unread"; key: string; at: Date; count: number };

const plainContent = (m: ChatMessage) => !m.encrypted && m.type !== "system" && m.type !== "deleted";

/**
 * The rows of a conversation. A message keeps its key when it goes from pending to stored, so its row
 * stays put. A day separator introduces the first message of each day; above the oldest held message
 * only when `complete` (nothing older exists), so loading older history only ever adds rows above the
 * oldest row, which lets the list keep the reader's place. A system message breaks a run of one sender.
 * An `encrypted` chat starts with the encryption notice; one that was plain before says where its
 * encryption began (the messages above were not end-to-end encrypted). `securityChanges` (whose devices
 * changed, and when: ms) go between the messages by time; those older than the oldest held message wait
 * until it is the oldest there is.
 */
export function chatItems(
  messages: ChatMessage[],
  pending: OutboxItem[],
  me: string,
  complete: boolean,
  encrypted = false,
  securityChanges: readonly SecurityChange[] = [],
): ChatItem[] {
  const items: ChatItem[] = [];
  let plainSeen = false;
  // The notice to show next (under the day separator, if one comes): `since` false opens a chat all of
  // which is loaded and encrypted; true marks the first encrypted message after plain ones.
  let notice: { since: boolean } | null = encrypted && complete && !messages.some(plainContent) ? { since: false } : null;
  let noticed = notice !== null;
  let lastDay = "";
  let lastSender = "";
  const add = (at: Date, sender: string, item: (first: boolean) => ChatItem) => {
    const day = dayKey(at);
    const next = item(sender !== lastSender || day !== lastDay);
    if (day !== lastDay && (items.length > 0 || complete)) items.push({ kind: "day", key: `day:${next.key}`, at });
    if (notice) {
      items.push({ kind: "encryption", key: "encryption", since: notice.since, at });
      notice = null;
    }
    items.push(next);
    lastDay = day;
    lastSender = sender;
  };
  const oldest = messages[0] ? Date.parse(messages[0].createdAt) : Number.POSITIVE_INFINITY;
  const changes = securityChanges.filter(({ at }) => complete || at >= oldest).sort((a, b) => a.at - b.at);
  let nextChange = 0;
  /** Adds the security notices from before `until`. */
  const changesUntil = (until: number) => {
    for (; nextChange < changes.length && changes[nextChange].at <= until; nextChange++) {
      const { at, userId } = changes[nextChange];
      add(new Date(at), "", () => ({ kind: "security", key: `security:${userId}:${at}`, at: new Date(at), userId }));
    }
  };
  for (const message of messages) {
    changesUntil(Date.parse(message.createdAt));
    if (encrypted && !noticed && message.encrypted && plainSeen) {
      notice = { since: true };
      noticed = true;
      lastSender = "";
    }
    plainSeen ||= plainContent(message);
    if (message.type === "system") {
      add(new Date(message.createdAt), "", () => ({ kind: "system", key: `system:${message.id}`, message }));
      continue;
    }
    const mine = message.senderId === me;
    add(new Date(message.createdAt), message.senderId, (first) => ({
      kind: "message",
      key: `${message.senderId}:${message.clientId}`,
      message,
      mine,
      first,
    }));
  }
  for (const item of pending) {
    changesUntil(item.createdAt);
    add(new Date(item.createdAt), me, (first) => ({ kind: "pending", key: `${me}:${item.id}`, item, first }));
  }
  changesUntil(Number.POSITIVE_INFINITY);
  return items;
}

export interface LatestActivity {
  /** What the message says or carries: the row puts it in one line in the page's language (previewText). */
  content: MessageContent;
  type: MessageType;
  at: Date;
  /** One of my messages not sent yet. */
  pending: boolean;
  /** The last stored message; null for a pending one. */
  message: ChatMessage | null;
}

/** What the chat-list row shows as the latest activity: my newest pending message, else the last stored one. */
export function latestActivity(c: ConversationSummary, pending: OutboxItem[]): LatestActivity | null {
  const last = pendingIn(pending, c).at(-1);
  if (last)
    return {
      content: pendingContent(last),
      type: last.type ?? "text",
      at: new Date(last.createdAt),
      pending: true,
      message: null,
    };
  const m = c.lastMessage;
  if (m) return { content: m, type: m.type, at: new Date(m.createdAt), pending: false, message: m };
  return null;
}

/** Conversations by last activity, newest first. */
export function sortedConversations(conversations: MessagingState["conversations"], pending: OutboxItem[]): ConversationSummary[] {
  const time = (c: ConversationSummary) => latestActivity(c, pending)?.at.getTime() ?? new Date(c.createdAt).getTime();
  return Object.values(conversations)
    .map((c) => [c, time(c)] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([c]) => c);
}

/**
 * The chat list: the archived chats, or the others, those I pinned first (the most recently pinned on top),
 * then by latest activity.
 */
export function listedConversations(
  conversations: MessagingState["conversations"],
  pending: OutboxItem[],
  archived: boolean,
): ConversationSummary[] {
  const shown = sortedConversations(conversations, pending).filter((c) => c.archived === archived && !isDeleted(c));
  const pinned = shown.filter((c) => c.pinnedAt).sort((a, b) => Date.parse(b.pinnedAt as string) - Date.parse(a.pinnedAt as string));
  return [...pinned, ...shown.filter((c) => !c.pinnedAt)];
}

/** A chat I deleted that nothing new arrived in since: out of the list. */
export const isDeleted = (c: Pick<ConversationSummary, "deleted" | "lastSeq" | "clearedSeq">) => c.deleted && c.lastSeq <= c.clearedSeq;

/** Unread messages, or marked unread: the chat list's green badge. */
export const isUnread = (c: Pick<ConversationSummary, "unreadCount" | "markedUnread">) => c.unreadCount > 0 || c.markedUnread;

/** Whether I muted the chat's notifications (until a time still ahead). */
export const isMuted = (c: Pick<ConversationSummary, "mutedUntil">, now = Date.now()) =>
  c.mutedUntil !== null && Date.parse(c.mutedUntil) > now;

/** Older messages exist that aren't loaded yet. */
export function hasOlder(state: MessagingState, conversationId: string): boolean {
  if (state.history[conversationId] === "done") return false;
  const oldest = state.messages[conversationId]?.[0];
  return oldest ? oldest.seq > 1 : (state.conversations[conversationId]?.lastSeq ?? 0) > 0;
}

/**
 * The rows with the "N unread messages" divider above the first message from someone else after `readSeq`
 * (where I had read up to when I opened the chat); none when there is no such message. `count` is what the
 * chat list said was unread then.
 */
export function withUnreadDivider(items: ChatItem[], readSeq: number, count: number): ChatItem[] {
  const first = items.findIndex((i) => ((i.kind === "message" && !i.mine) || i.kind === "system" ? i.message.seq > readSeq : false));
  if (count === 0 || first < 0) return items;
  const at = rowDateOf(items[first]);
  return [...items.slice(0, first), { kind: "unread", key: "unread", at, count }, ...items.slice(first)];
}

const rowDateOf = (item: ChatItem): Date =>
  item.kind === "message" || item.kind === "system" ? new Date(item.message.createdAt) : new Date();

/** The chat list's filters above it, as WhatsApp's: every chat, those with unread messages, groups. */
export const CHAT_FILTERS = ["all", "unread", "groups"] as const;
export type ChatFilter = (typeof CHAT_FILTERS)[number];

export function filterChats(chats: ConversationSummary[], filter: ChatFilter): ConversationSummary[] {
  if (filter === "unread") return chats.filter(isUnread);
  if (filter === "groups") return chats.filter((c) => c.kind === "group");
  return chats;
}
