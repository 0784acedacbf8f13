// The messaging state container: immutable snapshots for useSyncExternalStore, and the operations that
// fold server data into them. No network or storage here; the engine decides what to fetch and send.
import type { GroupInfo } from "@/lib/contracts/groups";
import type { ChatMessage, ConversationSummary, MessageFlagState, PresenceState, TypingState, Watermarks } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import { e2eeOf } from "./e2ee/message-opener";
import {
  initialState,
  type Me,
  type MessagingState,
  mentionsMe,
  mergeMessages,
  mergeSummary,
  mergeUsers,
  mergeWatermarks,
  recountUnread,
  replaceMessages,
  starKey,
  withMessage,
} from "./messaging-state";
import type { OutboxItem } from "./outbox";

/** How long "typing..." shows after a typing:updated without a newer word from that user. */
const TYPING_SHOWN_MS = 5_000;

export class MessagingStore {
  private state: MessagingState = initialState;
  private readonly listeners = new Set<() => void>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Messages pushed live while they couldn't be read yet (encrypted, their key on its way), with the chat on
   * screen then: once open, one that mentions me counts and is announced as if it had just arrived.
   */
  private readonly unreadLive = new Map<string, { conversationId: string; seen: string | null }>();

  /**
   * `open` turns a message as the server sent it into what is shown (an encrypted one decrypted, see
   * e2ee/message-opener.ts); every message goes through it on its way in. `removed` hears of messages gone
   * (deleted for me, disappeared), held or not (the local search index drops them).
   */
  constructor(
    private readonly me: Me,
    private readonly open: (message: ChatMessage) => ChatMessage = (message) => message,
    private readonly removed: (conversationId: string, seqs: number[]) => void = () => {},
  ) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getState = () => this.state;

  private set(patch: Partial<MessagingState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  setStatus(status: MessagingState["status"]) {
    if (status !== this.state.status) this.set({ status });
  }

  setHistory(conversationId: string, value: "loading" | "error" | "done" | null) {
    const { [conversationId]: _, ...rest } = this.state.history;
    this.set({ history: value ? { ...rest, [conversationId]: value } : rest });
  }

  upsertConversations(incoming: ConversationSummary[]) {
    if (incoming.length === 0) return;
    const conversations = { ...this.state.conversations };
    let messages = this.state.messages;
    for (const c of incoming) {
      const was = conversations[c.id];
      conversations[c.id] = mergeSummary(was, c.lastMessage ? { ...c, lastMessage: this.open(c.lastMessage) } : c);
      // Cleared (here or on another of my devices): the messages up to the clear go.
      const held = messages[c.id] ?? [];
      if (was && c.clearedSeq > was.clearedSeq && held.length) {
        const cleared = held.filter((m) => m.seq <= c.clearedSeq).map((m) => m.seq);
        this.removed(c.id, cleared);
        messages = { ...messages, [c.id]: held.filter((m) => m.seq > c.clearedSeq) };
      }
    }
    const peers = incoming.flatMap((c) => (c.peer ? [c.peer] : []));
    this.set({ conversations, messages, users: mergeUsers(this.state.users, peers) });
  }

  /** A group's info as just fetched (or returned by a change): its members become known, and its summary follows it. */
  applyGroupInfo(info: GroupInfo) {
    const { members, inviteCode, id, createdAt, ...group } = info;
    const summary = this.state.conversations[id];
    this.set({
      groups: { ...this.state.groups, [id]: info },
      users: mergeUsers(
        this.state.users,
        members.map((m) => m.user),
      ),
      conversations: summary ? { ...this.state.conversations, [id]: { ...summary, group } } : this.state.conversations,
    });
  }

  /** The group's invite link was created, replaced (a code) or revoked (null). */
  setInviteCode(groupId: string, inviteCode: string | null) {
    const info = this.state.groups[groupId];
    if (info && info.inviteCode !== inviteCode) this.set({ groups: { ...this.state.groups, [groupId]: { ...info, inviteCode } } });
  }

  /** Users looked up by id (e.g. the sender of an old group message who has left since). */
  applyUsers(users: PublicUser[]) {
    const next = mergeUsers(this.state.users, users);
    if (next !== this.state.users) this.set({ users: next });
  }

  /**
   * Stores messages (duplicates ignored), updates the summaries, settles my pending ones, ends their senders'
   * typing. `seen` is the chat on screen, whose mentions are read as they arrive; messages pushed `live` that
   * mention me anywhere else become the mention notice.
   */
  receive(arrived: ChatMessage[], { seen = null, live = false }: { seen?: string | null; live?: boolean } = {}) {
    if (arrived.length === 0) return;
    const incoming = arrived.map(this.open);
    let { messages, conversations, pending, typing, mention } = this.state;
    const byConversation = new Map<string, ChatMessage[]>();
    for (const m of incoming) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
    for (const [id, batch] of byConversation) {
      batch.sort((a, b) => a.seq - b.seq);
      if (live) for (const m of batch) if (e2eeOf(m) === "waiting") this.unreadLive.set(m.id, { conversationId: id, seen });
      const list = mergeMessages(messages[id] ?? [], batch);
      if (list !== messages[id]) messages = { ...messages, [id]: list };
      const summary = conversations[id];
      if (!summary) continue;
      let next = summary;
      for (const m of batch) {
        const after = withMessage(next, m, this.me, id === seen);
        if (live && after.unreadMentions > next.unreadMentions) mention = { conversationId: id, message: m };
        next = after;
      }
      if (next !== summary) conversations = { ...conversations, [id]: next };
    }
    for (const m of incoming) {
      if (m.senderId === this.me.id) pending = pending.filter((p) => p.id !== m.clientId);
      else if (typing[m.conversationId]?.includes(m.senderId)) typing = this.withoutTyping(typing, m.conversationId, m.senderId);
    }
    this.set({ messages, conversations, pending, typing, mention });
  }

  /** Newer versions of messages (edited, reacted to, deleted for everyone): held copies and last messages are replaced. */
  applyChanges(changes: ChatMessage[]) {
    if (changes.length === 0) return;
    const incoming = changes.map(this.open);
    let { messages, conversations, starred } = this.state;
    for (const m of incoming) {
      const list = messages[m.conversationId];
      const next = list ? replaceMessages(list, [m]) : list;
      if (next !== list) messages = { ...messages, [m.conversationId]: next };
      const summary = conversations[m.conversationId];
      if (summary?.lastMessage?.seq === m.seq && summary.lastMessage.id === m.id)
        conversations = { ...conversations, [m.conversationId]: { ...summary, lastMessage: m } };
      // A message deleted for everyone loses its stars.
      if (m.type === "deleted" && starred[starKey(m.conversationId, m.seq)]) {
        const { [starKey(m.conversationId, m.seq)]: _, ...rest } = starred;
        starred = rest;
      }
    }
    if (messages !== this.state.messages || conversations !== this.state.conversations || starred !== this.state.starred)
      this.set({ messages, conversations, starred });
  }

  /** Opens again the encrypted messages held (more of them could be decrypted since). */
  reopen() {
    const again = (list: ChatMessage[]) => {
      let touched = false;
      const next = list.map((m) => {
        if (!m.encrypted) return m;
        const opened = this.open(m);
        touched ||= JSON.stringify(opened) !== JSON.stringify(m);
        return opened;
      });
      return touched ? next : list;
    };
    let { messages, conversations } = this.state;
    for (const [id, list] of Object.entries(messages)) {
      const next = again(list);
      if (next !== list) messages = { ...messages, [id]: next };
    }
    for (const c of Object.values(conversations)) {
      if (!c.lastMessage?.encrypted) continue;
      const [last] = again([c.lastMessage]);
      if (last !== c.lastMessage) conversations = { ...conversations, [c.id]: { ...c, lastMessage: last } };
    }
    let { mention } = this.state;
    for (const [messageId, { conversationId, seen }] of this.unreadLive) {
      const held = messages[conversationId]?.find((m) => m.id === messageId);
      if (held && e2eeOf(held) === "waiting") continue;
      this.unreadLive.delete(messageId);
      const summary = conversations[conversationId];
      if (!held || e2eeOf(held) !== "open" || !summary || conversationId === seen) continue;
      if (held.seq <= summary.mine.readSeq || !mentionsMe(summary, held, this.me)) continue;
      conversations = { ...conversations, [summary.id]: { ...summary, unreadMentions: summary.unreadMentions + 1 } };
      mention = { conversationId: summary.id, message: held };
    }
    if (messages !== this.state.messages || conversations !== this.state.conversations || mention !== this.state.mention)
      this.set({ messages, conversations, mention });
  }

  /** Messages gone (deleted for me, or disappeared): dropped from the list, and from the chat list's preview. */
  removeMessages(conversationId: string, seqs: number[]) {
    this.removed(conversationId, seqs);
    const gone = new Set(seqs);
    const list = this.state.messages[conversationId] ?? [];
    const kept = list.filter((m) => !gone.has(m.seq));
    const summary = this.state.conversations[conversationId];
    const lastGone = summary?.lastMessage ? gone.has(summary.lastMessage.seq) : false;
    if (kept.length === list.length && !lastGone) return;
    const conversations =
      summary && lastGone
        ? { ...this.state.conversations, [conversationId]: { ...summary, lastMessage: kept.at(-1) ?? null } }
        : this.state.conversations;
    this.set({ messages: { ...this.state.messages, [conversationId]: kept }, conversations });
  }

  /** My stars and deletions for me, from any device. */
  applyFlags(conversationId: string, flags: MessageFlagState[]) {
    if (flags.length === 0) return;
    const starred = { ...this.state.starred };
    for (const f of flags) {
      if (f.starred) starred[starKey(conversationId, f.seq)] = true;
      else delete starred[starKey(conversationId, f.seq)];
    }
    this.set({ starred });
    const hidden = flags.filter((f) => f.hidden).map((f) => f.seq);
    if (hidden.length) this.removeMessages(conversationId, hidden);
  }

  /** Drops held messages whose disappearing time has come (the server removes them too). */
  expire(now: number) {
    for (const [id, list] of Object.entries(this.state.messages)) {
      const expired = list.filter((m) => m.expiresAt && Date.parse(m.expiresAt) <= now).map((m) => m.seq);
      if (expired.length) this.removeMessages(id, expired);
    }
  }

  /** Scrolls the chat to a message and highlights it (null: done). */
  setFocus(focus: { conversationId: string; seq: number } | null) {
    this.set({ focus: focus ? { ...focus, at: Date.now() } : null });
  }

  /** The mention notice was seen long enough, dismissed, or its chat opened. */
  dismissMention() {
    if (this.state.mention) this.set({ mention: null });
  }

  /** Ticks pushed by the server, and/or my own watermarks (pushed for another device's report, or a report's ack). */
  applyReceipt({ conversationId, ticks, mine }: { conversationId: string; ticks?: Watermarks; mine?: Watermarks }) {
    const summary = this.state.conversations[conversationId];
    if (!summary) return;
    const next: ConversationSummary = {
      ...summary,
      ticks: ticks ? mergeWatermarks(summary.ticks, ticks) : summary.ticks,
      mine: mine ? mergeWatermarks(summary.mine, mine) : summary.mine,
    };
    if (next.ticks === summary.ticks && next.mine === summary.mine) return;
    const counted = next.mine === summary.mine ? next : recountUnread(next, this.state.messages[conversationId] ?? [], this.me);
    this.set({ conversations: { ...this.state.conversations, [conversationId]: counted } });
  }

  /** A profile changed: the chats with them, the groups they are in and the directory show it. */
  applyUser(user: PublicUser) {
    let { conversations, groups } = this.state;
    for (const c of Object.values(conversations)) {
      if (c.peer?.id === user.id) conversations = { ...conversations, [c.id]: { ...c, peer: user } };
    }
    for (const g of Object.values(groups)) {
      if (g.members.some((m) => m.user.id === user.id)) {
        groups = { ...groups, [g.id]: { ...g, members: g.members.map((m) => (m.user.id === user.id ? { ...m, user } : m)) } };
      }
    }
    const users = this.state.users[user.id] ? mergeUsers(this.state.users, [user]) : this.state.users;
    if (conversations !== this.state.conversations || groups !== this.state.groups || users !== this.state.users) {
      this.set({ conversations, groups, users });
    }
  }

  applyPresence(states: PresenceState[]) {
    if (states.length === 0) return;
    const presence = { ...this.state.presence };
    for (const p of states) presence[p.userId] = p;
    this.set({ presence });
  }

  applyTyping(t: TypingState) {
    if (t.userId === this.me.id) return;
    const key = `${t.conversationId}\n${t.userId}`;
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.delete(key);
    const shown = this.state.typing[t.conversationId]?.includes(t.userId) ?? false;
    if (t.typing) {
      this.typingTimers.set(
        key,
        setTimeout(() => this.applyTyping({ ...t, typing: false }), TYPING_SHOWN_MS),
      );
      if (!shown)
        this.set({ typing: { ...this.state.typing, [t.conversationId]: [...(this.state.typing[t.conversationId] ?? []), t.userId] } });
    } else if (shown) {
      this.set({ typing: this.withoutTyping(this.state.typing, t.conversationId, t.userId) });
    }
  }

  private withoutTyping(typing: MessagingState["typing"], conversationId: string, userId: string) {
    clearTimeout(this.typingTimers.get(`${conversationId}\n${userId}`));
    const left = (typing[conversationId] ?? []).filter((u) => u !== userId);
    const { [conversationId]: _, ...rest } = typing;
    return left.length ? { ...rest, [conversationId]: left } : rest;
  }

  /** Forgets who is typing (after a disconnect the stops would never arrive) and stops the timers. */
  clearTyping() {
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
    if (Object.keys(this.state.typing).length) this.set({ typing: {} });
  }

  /** Adds outbox items not shown yet, keeping the outbox order. */
  addPending(items: OutboxItem[]) {
    const known = new Set(this.state.pending.map((p) => p.id));
    const held = new Set(
      Object.values(this.state.messages).flatMap((list) => list.filter((m) => m.senderId === this.me.id).map((m) => m.clientId)),
    );
    const fresh = items.filter((i) => !known.has(i.id) && !held.has(i.id));
    if (fresh.length) this.set({ pending: [...this.state.pending, ...fresh].sort((a, b) => a.createdAt - b.createdAt) });
  }

  updatePending(id: string, patch: Partial<OutboxItem>) {
    if (this.state.pending.some((p) => p.id === id)) {
      this.set({ pending: this.state.pending.map((p) => (p.id === id ? { ...p, ...patch } : p)) });
    }
  }

  /** The server refused this outbox item for a reason a retry can't fix: stop sending it and say so. */
  rejectPending(item: OutboxItem, reason: string) {
    this.set({
      pending: this.state.pending.filter((p) => p.id !== item.id),
      rejected: { conversationId: item.conversationId ?? null, text: item.text, reason },
    });
  }

  dismissRejected() {
    if (this.state.rejected) this.set({ rejected: null });
  }

  dropPending(id: string) {
    if (this.state.pending.some((p) => p.id === id)) this.set({ pending: this.state.pending.filter((p) => p.id !== id) });
  }
}
