// The browser's messaging engine: the MessagingStore (what React renders) kept in step with the server.
// Each start() runs one connection (see messaging-connection.ts): sync from this device's cursors on every
// connect, then the outbox in order; delivery and read reports; typing and presence. Framework-free.
// The engine takes the UI's commands and hands them down (the outbox, the socket, REST); what comes back
// goes into the store through the connection alone (docs/architecture.md, "The client engine").
import type { Ack } from "@/lib/contracts/errors";
import type {
  ChatSettings,
  MessageEditEntry,
  MessageRef,
  SearchFilter,
  SearchResult,
  StarredMessage,
} from "@/lib/contracts/message-actions";
import {
  type ChatMessage,
  type ConversationSummary,
  FILE_TYPES,
  type FileMessageType,
  type HistoryPage,
  MESSAGE_TEXT_MAX,
  type SharedContact,
  type SharedLocation,
} from "@/lib/contracts/messaging";
import { REPORT_MESSAGES } from "@/lib/contracts/privacy";
import { type Activity, newClientId } from "./activity";
import { GroupClient } from "./group-client";
import { type Connection, type Marks, startConnection } from "./messaging-connection";
import { MessagingStore } from "./messaging-store";
import { keepSnapshot } from "./offline-snapshot";
import { type ClientStore, memoryStore, type NewOutboxItem } from "./outbox";
import type { FileUploader } from "./outbox-flush";
import type { ChatView } from "./receipt-reports";
import { ACK_TIMEOUT_MS, type AckEvent, type AckOf, type MessagingTransport, type PayloadOf } from "./transport";

type AckData<E extends AckEvent> = Extract<AckOf<E>, { ok: true }>["data"];

const HISTORY_PAGE = 50;
const TYPING_THROTTLE_MS = 3_000;
const EXPIRY_CHECK_MS = 5_000;
/** History pages loaded while looking for a message far back. */
const REVEAL_PAGE = 200;

export type FetchJson = <T>(path: string, init?: { method?: string; json?: unknown; body?: FormData }) => Promise<T>;

export interface EngineDeps {
  me: string;
  /** My username: messages that @mention it are counted and notified. */
  username: string;
  openStore: () => Promise<ClientStore>;
  fetchJson: FetchJson;
  activity: Activity;
  /** Uploads a file message's file (the browser: resumable, with tus). */
  upload: FileUploader;
  /** Asks the service worker to send the outbox once the network is back, even if the tab is closed by then (if the browser is offline). */
  backgroundSync?: () => void;
  newId?: () => string;
}

/** A message with something besides text: a file (with an optional caption), a location or a contact. */
export type AttachmentDraft =
  | { type: FileMessageType; file: Blob; fileName: string; caption?: string; duration?: number }
  | { type: "location"; location: SharedLocation }
  | { type: "contact"; contact: SharedContact };

export class MessagingEngine {
  readonly store: MessagingStore;
  readonly groups: GroupClient;
  private connection: Connection | null = null;
  private readonly view: ChatView = { open: null };
  private readonly typingSent = new Map<string, number>();
  private readonly marks: Marks = { changes: {}, flags: {} };

  constructor(private readonly deps: EngineDeps) {
    this.store = new MessagingStore({ id: deps.me, username: deps.username });
    this.groups = new GroupClient(deps.fetchJson, this.store);
  }

  /** Starts working over `transport`; returns the function that stops (the state stays for a restart). */
  start(transport: MessagingTransport): () => void {
    const storage = this.deps.openStore().catch(() => memoryStore());
    const connection = startConnection({
      ...this.deps,
      transport,
      storage,
      store: this.store,
      groups: this.groups,
      view: this.view,
      marks: this.marks,
    });
    this.connection = connection;
    const stopSnapshot = keepSnapshot(this.store, storage);
    void connection.loadConversations();
    // Disappearing messages leave open chats when their time comes (the server's removal follows).
    const expiry = setInterval(() => this.store.expire(Date.now()), EXPIRY_CHECK_MS);
    return () => {
      clearInterval(expiry);
      stopSnapshot();
      connection.stop();
      if (this.connection === connection) this.connection = null;
    };
  }

  /** The signed-in user's id. */
  get me(): string {
    return this.deps.me;
  }

  /** The conversation on screen (null for none): its messages count as read while the tab is seen. */
  open(conversationId: string | null) {
    this.view.open = conversationId;
    if (conversationId && this.store.getState().mention?.conversationId === conversationId) this.store.dismissMention();
    this.connection?.receipts.markRead();
  }

  /** Opens (or creates) the direct chat with a user and returns its id. */
  async openDirect(userId: string): Promise<string> {
    const conversation = await this.deps.fetchJson<ConversationSummary>("/api/v1/conversations", { method: "POST", json: { userId } });
    this.store.upsertConversations([conversation]);
    this.connection?.subscribePresence();
    return conversation.id;
  }

  /** Puts a message in the outbox (persisted first), then sends it when the connection allows; `replyTo` quotes a message. */
  async send(conversationId: string, text: string, replyTo?: number): Promise<void> {
    const body = text.trim();
    if (!body) return;
    await this.enqueue(conversationId, { text: body, ...(replyTo !== undefined ? { replyTo } : {}) });
  }

  /** Edits my text message. Rejects with the server's reason (e.g. the edit window has passed). */
  async edit(ref: MessageRef, text: string): Promise<void> {
    this.requireConnection().changed(await this.ask("message:edit", { ...ref, text }));
  }

  async react(ref: MessageRef, emoji: string | null): Promise<void> {
    this.requireConnection().changed(await this.ask("message:react", { ...ref, emoji }));
  }

  async deleteMessage(ref: MessageRef, scope: "me" | "everyone"): Promise<void> {
    const result = await this.ask("message:delete", { ...ref, for: scope });
    const connection = this.requireConnection();
    if ("changedSeq" in result) connection.changed(result);
    else connection.flagged(result);
  }

  async star(ref: MessageRef, starred: boolean): Promise<void> {
    this.requireConnection().flagged(await this.ask("message:star", { ...ref, starred }));
  }

  async pin(ref: MessageRef, pinned: boolean): Promise<void> {
    this.store.upsertConversations([await this.ask("message:pin", { ...ref, pinned })]);
  }

  /** Sends a copy to each chat; the copies arrive like any message of mine. */
  async forward(from: MessageRef, conversationIds: string[]): Promise<void> {
    const newId = this.deps.newId ?? newClientId;
    const { messages } = await this.ask("message:forward", {
      from,
      targets: conversationIds.map((conversationId) => ({ id: newId(), conversationId })),
    });
    this.received(messages);
  }

  /** My settings for a chat: pinned, archived, muted. */
  async chatSettings(conversationId: string, settings: ChatSettings): Promise<void> {
    this.store.upsertConversations([await this.ask("conversation:settings", { conversationId, ...settings })]);
  }

  /** Accepts a message request: from now on the other person gets my receipts. */
  async acceptRequest(conversationId: string): Promise<void> {
    this.store.upsertConversations([await this.ask("conversation:accept", { conversationId })]);
    this.connection?.receipts.catchUp(conversationId);
  }

  /** Blocks or unblocks someone (their chat's summary follows from the server). */
  async block(userId: string, blocked: boolean): Promise<void> {
    await this.ask("user:block", { userId, blocked });
  }

  /** Reports a chat with its last messages as I see them (and blocks its other person with `block`). */
  async report(conversationId: string, reason: string, block: boolean): Promise<void> {
    const held = (this.store.getState().messages[conversationId] ?? []).filter((m) => m.type !== "system" && m.type !== "deleted");
    const seqs = held.slice(-REPORT_MESSAGES).map((m) => m.seq);
    await this.ask("report:create", { conversationId, reason, seqs, block });
  }

  async setDisappearing(conversationId: string, seconds: number): Promise<void> {
    this.store.upsertConversations([await this.ask("conversation:disappearing", { conversationId, seconds })]);
  }

  /** Messages found by words (and/or a sender or kind), newest first. */
  search(query: { q: string; conversationId?: string; senderId?: string; filter?: SearchFilter }): Promise<SearchResult> {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
    return this.deps.fetchJson<SearchResult>(`/api/v1/messages/search?${params}`);
  }

  /** My starred messages, most recently starred first. */
  async starred(): Promise<StarredMessage[]> {
    return (await this.deps.fetchJson<{ starred: StarredMessage[] }>("/api/v1/messages/starred")).starred;
  }

  /** The texts an edited message had before. */
  async edits(ref: MessageRef): Promise<MessageEditEntry[]> {
    const { edits } = await this.deps.fetchJson<{ edits: MessageEditEntry[] }>(
      `/api/v1/conversations/${encodeURIComponent(ref.conversationId)}/messages/${ref.seq}/edits`,
    );
    return edits;
  }

  /**
   * Shows a message however far back it is: loads history down to it (nothing is skipped, so the list
   * has no holes), then asks the chat to scroll to it and highlight it.
   */
  async reveal(conversationId: string, seq: number): Promise<void> {
    for (let pages = 0; ; pages++) {
      const list = this.store.getState().messages[conversationId] ?? [];
      const history = this.store.getState().history[conversationId];
      if ((list[0] && list[0].seq <= seq) || history === "done" || pages > 100) break;
      await this.loadOlder(conversationId, REVEAL_PAGE);
      if (this.store.getState().history[conversationId] === "error") throw new Error("Couldn't load that message. Try again.");
    }
    this.store.setFocus({ conversationId, seq });
  }

  private requireConnection(): Connection {
    if (!this.connection) throw new Error("Messaging isn't running");
    return this.connection;
  }

  /** A command over the socket; rejects with the server's message when it says no. */
  private async ask<E extends AckEvent>(event: E, payload: PayloadOf<E>): Promise<AckData<E>> {
    const connection = this.requireConnection();
    if (!connection.transport.connected()) throw new Error("You're offline. Try again when you're connected.");
    const ack = (await connection.transport.request(event, payload, ACK_TIMEOUT_MS)) as Ack<AckData<E>>;
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  }

  /** Like send, for a file (uploaded first, then sent), a location or a contact card. */
  async sendAttachment(conversationId: string, draft: AttachmentDraft): Promise<void> {
    if (draft.type === "location") return this.enqueue(conversationId, { type: "location", text: "", location: draft.location });
    if (draft.type === "contact") return this.enqueue(conversationId, { type: "contact", text: "", contact: draft.contact });
    const { type, file, fileName, caption = "", duration } = draft;
    await this.enqueue(conversationId, {
      type,
      text: caption.trim(),
      upload: { blob: file, fileName, kind: FILE_TYPES[type] },
      ...(duration !== undefined ? { duration } : {}),
    });
  }

  /** Takes one of my messages out before it was sent (stopping its upload). */
  async cancel(id: string): Promise<void> {
    await this.connection?.cancel(id);
  }

  private async enqueue(conversationId: string, message: Omit<NewOutboxItem, "id" | "conversationId">): Promise<void> {
    if ([...message.text].length > MESSAGE_TEXT_MAX) throw new Error(`Messages can be at most ${MESSAGE_TEXT_MAX} characters`);
    if (!this.connection) throw new Error("Messaging isn't running");
    const storage = await this.connection.storage;
    const item = await storage.enqueue({ id: (this.deps.newId ?? newClientId)(), conversationId, ...message });
    this.store.addPending([item]);
    this.typingSent.delete(conversationId);
    // Offline: the service worker sends it when the network returns, should this tab be closed before then.
    if (!this.connection.transport.connected()) this.deps.backgroundSync?.();
    this.connection.flush();
  }

  /** Loads the page of history before the oldest held message (or the latest page when none is held). */
  async loadOlder(conversationId: string, limit = HISTORY_PAGE): Promise<void> {
    const { messages, history } = this.store.getState();
    const oldest = messages[conversationId]?.[0]?.seq;
    if (history[conversationId] === "loading" || history[conversationId] === "done" || oldest === 1) return;
    this.store.setHistory(conversationId, "loading");
    try {
      const before = oldest === undefined ? "" : `before=${oldest}&`;
      const page = await this.deps.fetchJson<HistoryPage>(
        `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?${before}limit=${limit}`,
      );
      this.received(page.messages);
      this.store.setHistory(conversationId, page.hasMore ? null : "done");
    } catch {
      this.store.setHistory(conversationId, "error");
    }
  }

  /** Call on each keystroke: tells the others, at most once every 3 seconds. */
  notifyTyping(conversationId: string) {
    const now = Date.now();
    if (!this.connection?.transport.connected() || now - (this.typingSent.get(conversationId) ?? 0) < TYPING_THROTTLE_MS) return;
    this.typingSent.set(conversationId, now);
    this.connection.transport.send("typing:start", { conversationId });
  }

  /** Forgets the chats kept for opening offline (signing out of this device). */
  async forgetSnapshot(): Promise<void> {
    await (await this.connection?.storage)?.clearSnapshot();
  }

  /** History and command results go in through the connection, like everything the server says (no connection: straight into the store). */
  private received(messages: ChatMessage[]) {
    if (this.connection) this.connection.received(messages);
    else this.store.receive(messages);
  }
}
