// The messaging state container: immutable snapshots for useSyncExternalStore, and the operations that
// fold server data into them. No network or storage here; the engine decides what to fetch and send.
import type { ChatMessage, ConversationSummary, PresenceState, ReceiptState, TypingState } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import {
  initialState,
  type MessagingState,
  mergeMessages,
  mergeReceipt,
  mergeSummary,
  recountUnread,
  withMessage,
} from "./messaging-state";
import type { OutboxItem } from "./outbox";

/** How long "typing..." shows after a typing:updated without a newer word from that user. */
const TYPING_SHOWN_MS = 5_000;

export class MessagingStore {
  private state: MessagingState = initialState;
  private readonly listeners = new Set<() => void>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly me: string) {}

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
    for (const c of incoming) conversations[c.id] = mergeSummary(conversations[c.id], c);
    this.set({ conversations });
  }

  /** Stores messages (duplicates ignored), updates the summaries, settles my pending ones, ends their senders' typing. */
  receive(incoming: ChatMessage[]) {
    if (incoming.length === 0) return;
    let { messages, conversations, pending, typing } = this.state;
    const byConversation = new Map<string, ChatMessage[]>();
    for (const m of incoming) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
    for (const [id, batch] of byConversation) {
      batch.sort((a, b) => a.seq - b.seq);
      const list = mergeMessages(messages[id] ?? [], batch);
      if (list !== messages[id]) messages = { ...messages, [id]: list };
      const summary = conversations[id];
      const next = summary && batch.reduce((s, m) => withMessage(s, m, this.me), summary);
      if (next !== summary) conversations = { ...conversations, [id]: next };
    }
    for (const m of incoming) {
      if (m.senderId === this.me) pending = pending.filter((p) => p.id !== m.clientId);
      else if (typing[m.conversationId]?.includes(m.senderId)) typing = this.withoutTyping(typing, m.conversationId, m.senderId);
    }
    this.set({ messages, conversations, pending, typing });
  }

  applyReceipt(r: ReceiptState) {
    const summary = this.state.conversations[r.conversationId];
    if (!summary) return;
    const receipts = mergeReceipt(summary.receipts, r);
    if (receipts === summary.receipts) return;
    let next: ConversationSummary = { ...summary, receipts };
    if (r.userId === this.me) next = recountUnread(next, this.state.messages[r.conversationId] ?? [], this.me);
    this.set({ conversations: { ...this.state.conversations, [r.conversationId]: next } });
  }

  applyUser(user: PublicUser) {
    const hits = Object.values(this.state.conversations).filter((c) => c.peer.id === user.id);
    if (hits.length === 0) return;
    const conversations = { ...this.state.conversations };
    for (const c of hits) conversations[c.id] = { ...c, peer: user };
    this.set({ conversations });
  }

  applyPresence(states: PresenceState[]) {
    if (states.length === 0) return;
    const presence = { ...this.state.presence };
    for (const p of states) presence[p.userId] = p;
    this.set({ presence });
  }

  applyTyping(t: TypingState) {
    if (t.userId === this.me) return;
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
      Object.values(this.state.messages).flatMap((list) => list.filter((m) => m.senderId === this.me).map((m) => m.clientId)),
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
