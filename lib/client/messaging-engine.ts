// The browser's messaging engine: the MessagingStore (what React renders) kept in step with the server.
// Each start() runs one connection (see messaging-connection.ts): sync from this device's cursors on every
// connect, then the outbox in order; delivery and read reports; typing and presence. Framework-free.
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
import { type Activity, newClientId } from "./activity";
import { GroupClient } from "./group-client";
import { type Connection, startConnection } from "./messaging-connection";
import { highestFromOthers } from "./messaging-state";
import { MessagingStore } from "./messaging-store";
import { type ClientStore, memoryStore, type NewOutboxItem } from "./outbox";
import type { FileUploader } from "./outbox-flush";
import type { MessagingTransport } from "./transport";

const HISTORY_PAGE = 50;
const TYPING_THROTTLE_MS = 3_000;

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
  private active: string | null = null;
  private readonly typingSent = new Map<string, number>();

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
      received: (messages, live) => this.received(messages, live),
      onSynced: (reconnect) => {
        if (reconnect || this.store.getState().status === "error") void this.loadConversations();
        if (reconnect) this.groups.reloadHeld();
        this.markRead();
      },
      onConversationUpdated: (conversation) => {
        this.store.upsertConversations([conversation]);
        if (this.store.getState().groups[conversation.id]) void this.groups.load(conversation.id).catch(() => {});
      },
    });
    this.connection = connection;
    const offActivity = this.deps.activity.subscribe(() => this.markRead());
    void this.loadConversations();
    return () => {
      offActivity();
      connection.stop();
      if (this.connection === connection) this.connection = null;
    };
  }

  /** The conversation on screen (null for none): its messages count as read while the tab is seen. */
  open(conversationId: string | null) {
    this.active = conversationId;
    if (conversationId && this.store.getState().mention?.conversationId === conversationId) this.store.dismissMention();
    this.markRead();
  }

  /** Opens (or creates) the direct chat with a user and returns its id. */
  async openDirect(userId: string): Promise<string> {
    const conversation = await this.deps.fetchJson<ConversationSummary>("/api/v1/conversations", { method: "POST", json: { userId } });
    this.store.upsertConversations([conversation]);
    this.connection?.subscribePresence();
    return conversation.id;
  }

  /** Puts a message in the outbox (persisted first), then sends it when the connection allows. */
  async send(conversationId: string, text: string): Promise<void> {
    const body = text.trim();
    if (!body) return;
    await this.enqueue(conversationId, { text: body });
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
    this.connection.flush();
  }

  /** Loads the page of history before the oldest held message (or the latest page when none is held). */
  async loadOlder(conversationId: string): Promise<void> {
    const { messages, history } = this.store.getState();
    const oldest = messages[conversationId]?.[0]?.seq;
    if (history[conversationId] === "loading" || history[conversationId] === "done" || oldest === 1) return;
    this.store.setHistory(conversationId, "loading");
    try {
      const before = oldest === undefined ? "" : `before=${oldest}&`;
      const page = await this.deps.fetchJson<HistoryPage>(
        `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?${before}limit=${HISTORY_PAGE}`,
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

  /** Loads the conversation list; also used after a reconnect to pick up missed receipts and counts. */
  private async loadConversations(): Promise<void> {
    try {
      const { conversations } = await this.deps.fetchJson<{ conversations: ConversationSummary[] }>("/api/v1/conversations");
      this.store.upsertConversations(conversations);
      this.store.setStatus("ready");
      this.connection?.subscribePresence();
    } catch {
      if (this.store.getState().status === "loading") this.store.setStatus("error");
    }
  }

  /** Stores messages from any source (push, sync, history, send acks) and lets the connection account for them. */
  private received(messages: ChatMessage[], live = false) {
    if (messages.length === 0) return;
    this.store.receive(messages, { seen: this.seen(), live });
    for (const id of new Set(messages.map((m) => m.conversationId))) {
      this.connection?.afterReceive(
        id,
        messages.filter((m) => m.conversationId === id),
      );
    }
    this.markRead();
  }

  /** The conversation on screen while the tab is visible and focused, or null. */
  private seen(): string | null {
    return this.deps.activity.attentive() ? this.active : null;
  }

  /** Reports the open conversation as read when the tab is visible and focused. */
  private markRead() {
    const id = this.seen();
    if (!id || !this.connection) return;
    this.connection.report("conversation:read", id, highestFromOthers(this.store.getState().messages[id] ?? [], this.deps.me));
  }
}
