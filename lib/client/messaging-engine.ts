// The browser's messaging engine: the MessagingStore (what React renders) kept in step with the server.
// Each start() runs one connection (see messaging-connection.ts): sync from this device's cursors on every
// connect, then the outbox in order; delivery and read reports; typing and presence. Framework-free.
// The engine takes the UI's commands and hands them down (the outbox, the socket, REST); what comes back
// goes into the store through the connection alone (docs/architecture.md, "The client engine").

import type { CallDevice } from "@/lib/contracts/calls";
import type { EncryptedContent } from "@/lib/contracts/e2ee";
import type { Ack } from "@/lib/contracts/errors";
import { type LinkPreview, previewFitsText } from "@/lib/contracts/link-preview";
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
  FORWARD_TARGETS_MAX,
  FORWARDED_MANY,
  type HistoryPage,
  MESSAGE_TEXT_MAX,
  type SendMessage,
  type SharedContact,
  type SharedLocation,
} from "@/lib/contracts/messaging";
import { REPORT_MESSAGES } from "@/lib/contracts/privacy";
import {
  SEALED_CALL_SIGNAL,
  SEALED_MESSAGE,
  SEALED_REACTION,
  type SealedCallSignal,
  type SealedMessage,
  sealedCallSignalSchema,
} from "@/lib/contracts/sealed";
import type { CryptoClient, EncryptedEvent } from "@/lib/crypto/crypto-client";
import { DEVICE_BUSY, DecryptFailure } from "@/lib/crypto/failures";
import { errorText, text } from "@/lib/i18n/text";
import { type Activity, newClientId } from "./activity";
import type { CryptoDevice } from "./e2ee/crypto-runtime";
import type { SealedValue } from "./e2ee/device-vault";
import { LocalSearch, mergeResults } from "./e2ee/local-search";
import { e2eeOf, MessageOpener, sealedFileOf } from "./e2ee/message-opener";
import { fileSealer, sealer, sealsTo } from "./e2ee/sealer";
import { quoteOfStatus, type ShownStatus, StatusSealing } from "./e2ee/status-sealing";
import { DeviceVerification, encryptedPeers } from "./e2ee/verification";
import { GroupClient } from "./group-client";
import { mediaUrl } from "./media-format";
import { type Connection, type Marks, startConnection } from "./messaging-connection";
import { MessagingStore } from "./messaging-store";
import { keepSnapshot } from "./offline-snapshot";
import { type ClientStore, memoryStore, type NewOutboxItem, type OutboxItem, type SealedUpload } from "./outbox";
import type { FileUploader } from "./outbox-flush";
import type { ChatView } from "./receipt-reports";
import { ACK_TIMEOUT_MS, type AckEvent, type AckOf, type MessagingTransport, type PayloadOf } from "./transport";

type AckData<E extends AckEvent> = Extract<AckOf<E>, { ok: true }>["data"];

const HISTORY_PAGE = 50;
const TYPING_THROTTLE_MS = 3_000;
const EXPIRY_CHECK_MS = 5_000;
/** Encrypted files kept decrypted in memory (the latest asked for), so a chat scrolled back and forth decrypts each once. */
const OPENED_FILES = 12;
/** History pages loaded while looking for a message far back. */
const REVEAL_PAGE = 200;
/** How long an encrypted message about to show (live, or in the starred list) may wait to be decrypted ("Waiting for this message…" after). */
const DECRYPT_WAIT_MS = 1_500;

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
  /** Loads the crypto library and opens this session's device (the browser: e2ee/crypto-runtime.ts); none: no end-to-end encryption. */
  loadCrypto?: (options: CryptoLoadOptions) => Promise<CryptoDevice>;
  /** Start encrypting chats once every member has a device (E2EE_BY_DEFAULT). */
  e2eeByDefault?: boolean;
  /** Deletes this session's device from the browser's storage (signing out). */
  forgetCrypto?: () => Promise<void>;
  /** Where the search index of decrypted messages is kept (the browser: sealed in the device's vault); none: in memory. */
  searchStorage?: () => Promise<SealedValue>;
}

/** A message with something besides text: a file (with an optional caption), a location or a contact. */
export type AttachmentDraft =
  | { type: FileMessageType; file: Blob; fileName: string; caption?: string; duration?: number }
  | { type: "location"; location: SharedLocation }
  | { type: "contact"; contact: SharedContact };

export interface CryptoLoadOptions {
  /** Take the device over from the tab of this session that runs it (else that tab keeps it: an error named DeviceBusy). */
  takeOver: boolean;
  /** Called when another tab took the device over: this one must stop using it. */
  onLost: () => void;
}

export class MessagingEngine {
  readonly store: MessagingStore;
  readonly groups: GroupClient;
  /** Safety numbers, "Mark as verified", and noticing when an encrypted chat's other person's devices change. */
  readonly verification: DeviceVerification;
  private connection: Connection | null = null;
  private readonly view: ChatView = { open: null };
  private readonly typingSent = new Map<string, number>();
  private readonly marks: Marks = { changes: {}, flags: {} };
  private readonly opener: MessageOpener;
  /** Status updates, encrypted for my audience and decrypted for me. */
  readonly statuses: StatusSealing;
  /** What this device decrypted, searchable (the server's search can't read encrypted messages). */
  private readonly index: LocalSearch;
  private device: Promise<CryptoClient> | null = null;
  private deviceLoaded: (client: CryptoClient) => void = () => {};
  /** Resolves once this session's device is loaded, by whoever asked for it first (this never starts the loading). */
  readonly cryptoLoaded = new Promise<CryptoClient>((resolve) => {
    this.deviceLoaded = resolve;
  });
  private readonly seal: (item: OutboxItem) => Promise<SendMessage>;
  private readonly openedFiles = new Map<string, Promise<Blob>>();
  private readonly sealFile: (item: OutboxItem) => Promise<SealedUpload | null>;

  constructor(private readonly deps: EngineDeps) {
    this.index = new LocalSearch({ storage: deps.searchStorage, marks: () => this.marks.changes });
    this.opener = new MessageOpener(() => {
      this.store.reopen();
      this.index.retry(this.show);
      this.statuses.changed();
    });
    this.statuses = new StatusSealing({
      me: deps.me,
      opener: this.opener,
      crypto: () => this.crypto(),
      audience: async () => (await deps.fetchJson<{ userIds: string[] }>("/api/v1/statuses/audience")).userIds,
      byDefault: deps.e2eeByDefault ?? false,
      upload: deps.upload,
    });
    this.store = new MessagingStore({ id: deps.me, username: deps.username }, this.show, (id, seqs) => this.index.remove(id, seqs));
    this.groups = new GroupClient(deps.fetchJson, this.store);
    this.verification = new DeviceVerification(deps.me);
    let watched: unknown[] = [];
    this.store.subscribe(() => {
      const { conversations, groups } = this.store.getState();
      if (conversations !== watched[0] || groups !== watched[1]) this.verification.watch(encryptedPeers(conversations, groups, deps.me));
      watched = [conversations, groups];
    });
    const sealing = {
      store: this.store,
      crypto: () => this.crypto(),
      members: (id: string) => this.memberIds(id),
      byDefault: deps.e2eeByDefault ?? false,
    };
    this.seal = sealer(sealing);
    this.sealFile = fileSealer(sealing);
  }

  /** A message as shown: decrypted if need be (every message the store takes in comes this way), and indexed if it was. */
  private readonly show = (message: ChatMessage): ChatMessage => {
    const shown = this.opener.open(message);
    this.index.take(shown);
    return shown;
  };

  /**
   * This session's encryption device, loaded on first use (the wasm is large: the app asks after its first
   * paint). Only one tab of a session runs it: in the others this fails, and they show so (cryptoElsewhere).
   */
  crypto(takeOver = false): Promise<CryptoClient> {
    if (!this.device) {
      const load = this.deps.loadCrypto;
      const device: Promise<CryptoClient> = (
        load ? load({ takeOver, onLost: () => this.lostDevice(device) }) : Promise.reject(new Error(text("clientErrors.e2ee.unavailable")))
      ).then(async ({ client, contacts }) => {
        this.opener.use(client);
        await this.verification.attach(client, contacts);
        this.deviceLoaded(client);
        this.setElsewhere(false);
        // The tab that runs the device keeps the index (another tab of the session decrypts nothing).
        this.index.allowSaving();
        return client;
      });
      this.device = device;
      // A failed load is tried again on next use.
      device.catch((error: Error) => {
        if (this.device === device) this.device = null;
        if (error.name === DEVICE_BUSY) this.setElsewhere(true);
      });
    }
    return this.device;
  }

  /** Another tab took the device over ("Use here" there): this one closes it and shows encrypted messages as waiting. */
  private lostDevice(device: Promise<CryptoClient>): void {
    if (this.device !== device) return;
    this.device = null;
    this.opener.drop();
    void device.then((client) => client.close());
    this.setElsewhere(true);
  }

  /** Runs the device in this tab, taking it from the one that runs it (WhatsApp Web's "Use here"). */
  async takeCryptoOver(): Promise<void> {
    if (!this.elsewhere) return;
    await this.device?.catch(() => {});
    this.device = null;
    await this.crypto(true);
  }

  private elsewhere = false;
  private readonly elsewhereListeners = new Set<(elsewhere: boolean) => void>();

  private setElsewhere(elsewhere: boolean): void {
    if (this.elsewhere === elsewhere) return;
    this.elsewhere = elsewhere;
    for (const listener of this.elsewhereListeners) listener(elsewhere);
  }

  /** Whether another tab of this session runs the encryption (then this one can't read encrypted messages). */
  get cryptoElsewhere(): boolean {
    return this.elsewhere;
  }

  /** Calls `listener` when cryptoElsewhere changes. */
  onCryptoElsewhere(listener: (elsewhere: boolean) => void): () => void {
    this.elsewhereListeners.add(listener);
    return () => void this.elsewhereListeners.delete(listener);
  }

  /** Fetches what waits for this device (room keys, device changes), if it is loaded; messages waiting for keys are tried again. */
  private cryptoSync = () => {
    void this.device
      ?.then((client) => client.sync())
      .then(() => this.opener.retry())
      .catch(() => {});
  };

  /** The chat's current members: a direct chat's two people, a group's from its info. */
  private async memberIds(conversationId: string): Promise<string[]> {
    const summary = this.store.getState().conversations[conversationId];
    if (summary?.kind === "direct") return [...new Set([this.deps.me, summary.peer?.id ?? this.deps.me])];
    const info = this.store.getState().groups[conversationId] ?? (await this.groups.load(conversationId));
    return info.members.map((m) => m.user.id);
  }

  /** Starts working over `transport`; returns the function that stops (the state stays for a restart). */
  start(transport: MessagingTransport): () => void {
    const storage = this.deps.openStore().catch(() => memoryStore());
    const connection = startConnection({
      ...this.deps,
      marksReady: this.loadIndex(),
      decrypted: (messages) => this.opener.settle(messages, DECRYPT_WAIT_MS),
      seal: this.seal,
      sealFile: this.sealFile,
      cryptoSync: this.cryptoSync,
      transport,
      storage,
      store: this.store,
      groups: this.groups,
      view: this.view,
      marks: this.marks,
    });
    this.connection = connection;
    const stopSnapshot = keepSnapshot(this.store, storage);
    // Chats no longer listed leave the index (the list is complete; the store only ever adds to it).
    void connection.loadConversations().then(() => {
      if (this.store.getState().status === "ready") return this.index.keepChats(Object.keys(this.store.getState().conversations));
    });
    // Disappearing messages leave open chats when their time comes (the server's removal follows).
    const expiry = setInterval(() => this.store.expire(Date.now()), EXPIRY_CHECK_MS);
    return () => {
      clearInterval(expiry);
      stopSnapshot();
      connection.stop();
      void this.index.flush();
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
    const state = this.store.getState();
    if (conversationId && state.mention?.conversationId === conversationId) this.store.dismissMention();
    // Opening a chat I marked as unread reads it again (the read report below moves it only when something is unread).
    if (conversationId && state.conversations[conversationId]?.markedUnread)
      void this.chatSettings(conversationId, { unread: false }).catch(() => {});
    this.connection?.receipts.markRead();
  }

  /** Mark as read from the chat list: unmarks it and reads every message in it, held here or not. */
  async markRead(conversationId: string): Promise<void> {
    const summary = this.store.getState().conversations[conversationId];
    if (!summary) return;
    if (summary.unreadCount > 0) this.connection?.receipts.report("conversation:read", conversationId, summary.lastSeq);
    if (summary.markedUnread) await this.chatSettings(conversationId, { unread: false });
  }

  /** Clear chat, or Delete chat: the messages I saw go from all my devices (the store drops them when the summary comes back). */
  async clearChat(conversationId: string, deleteChat: boolean): Promise<void> {
    const upTo = this.store.getState().conversations[conversationId]?.lastSeq ?? 0;
    this.store.upsertConversations([await this.ask("conversation:clear", { conversationId, upTo, deleteChat })]);
  }

  /** Opens (or creates) the direct chat with a user and returns its id. */
  async openDirect(userId: string): Promise<string> {
    const conversation = await this.deps.fetchJson<ConversationSummary>("/api/v1/conversations", { method: "POST", json: { userId } });
    this.store.upsertConversations([conversation]);
    this.connection?.subscribePresence();
    return conversation.id;
  }

  /**
   * A text reply to a status, to its poster's direct chat (opened first if need be), end-to-end encrypted
   * when that chat is. The server quotes the status; of an encrypted one it knows only whose it is, so the
   * reply carries what it quotes inside.
   */
  async replyToStatus(status: ShownStatus, text: string): Promise<void> {
    const id = (this.deps.newId ?? newClientId)();
    const chat = Object.values(this.store.getState().conversations).find((c) => c.kind === "direct" && c.peer?.id === status.userId);
    const conversationId = chat?.id ?? (await this.openDirect(status.userId));
    const statusQuote = status.e2ee === "open" ? quoteOfStatus(status) : undefined;
    const { conversationId: _, ...payload } = await this.seal({
      id,
      conversationId,
      text,
      createdAt: Date.now(),
      attempts: 0,
      statusQuote,
    });
    await this.deps.fetchJson("/api/v1/messages", { method: "POST", json: { ...payload, to: status.userId, statusId: status.id } });
  }

  /** Puts a message in the outbox (persisted first), then sends it when the connection allows; `replyTo` quotes a message. */
  /** Sends a text message; `linkPreview` (the preview of its link, lib/contracts/link-preview.ts) goes with it if its link is still in the text. */
  async send(conversationId: string, text: string, replyTo?: number, linkPreview?: LinkPreview): Promise<void> {
    const body = text.trim();
    if (!body) return;
    await this.enqueue(conversationId, {
      text: body,
      ...(replyTo !== undefined ? { replyTo } : {}),
      ...(linkPreview && previewFitsText(linkPreview, body) ? { linkPreview } : {}),
    });
  }

  /** Edits my text message (an encrypted one with its new text encrypted). Rejects with the server's reason (e.g. the edit window has passed). */
  async edit(ref: MessageRef, text: string): Promise<void> {
    const held = this.held(ref);
    if (held?.encrypted) {
      const content: SealedMessage = {
        id: held.clientId,
        type: "text",
        text,
        ...(held.replyTo ? { replyTo: held.replyTo } : {}),
        ...(held.forwards ? { forwards: held.forwards } : {}),
        ...(held.linkPreview && previewFitsText(held.linkPreview, text) ? { linkPreview: held.linkPreview } : {}),
      };
      const encrypted = await this.encryptFor(ref.conversationId, SEALED_MESSAGE, content);
      this.requireConnection().changed(await this.ask("message:edit", { ...ref, encrypted }));
    } else this.requireConnection().changed(await this.ask("message:edit", { ...ref, text }));
  }

  /** My reaction (to an encrypted message, encrypted too); null removes it. */
  async react(ref: MessageRef, emoji: string | null): Promise<void> {
    const held = this.held(ref);
    const reaction = held?.encrypted
      ? { encrypted: emoji === null ? null : await this.encryptFor(ref.conversationId, SEALED_REACTION, { emoji, to: held.clientId }) }
      : { emoji };
    this.requireConnection().changed(await this.ask("message:react", { ...ref, ...reaction }));
  }

  private held(ref: MessageRef): ChatMessage | undefined {
    return this.store.getState().messages[ref.conversationId]?.find((m) => m.seq === ref.seq);
  }

  /**
   * A call signal for another device, encrypted for the chat's members when the chat is end-to-end encrypted
   * (null: it goes in the clear, as the server requires only of encrypted chats).
   */
  async sealCallSignal(conversationId: string, content: SealedCallSignal): Promise<EncryptedContent | null> {
    if (!this.store.getState().conversations[conversationId]?.encrypted) return null;
    return this.encryptFor(conversationId, SEALED_CALL_SIGNAL, content);
  }

  /**
   * Decrypts a call signal the server says came from `from`'s device: refused (thrown) unless the library
   * says that device sent it and it is a call signal. Each gets an event id of its own, so a signal the
   * server sends twice is refused as a replay.
   */
  async openCallSignal(conversationId: string, from: CallDevice, encrypted: EncryptedContent): Promise<SealedCallSignal> {
    const crypto = await this.crypto();
    const event = { eventId: `call-${newClientId()}`, senderId: from.userId, sentAt: Date.now(), content: encrypted };
    const opened = await decryptWhenKeyed(crypto, conversationId, event);
    if (opened.type !== SEALED_CALL_SIGNAL || opened.senderDevice !== from.deviceId)
      throw new Error(text("clientErrors.calls.forgedSignal"));
    return sealedCallSignalSchema.parse(opened.content);
  }

  private async encryptFor(conversationId: string, type: string, content: object) {
    const [crypto, members] = await Promise.all([this.crypto(), this.memberIds(conversationId)]);
    return crypto.encrypt(conversationId, members, type, content);
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

  /**
   * Sends a copy to each chat; the copies arrive like any message of mine. The server copies a plain message;
   * an encrypted one, or one going to an encrypted chat, this device sends anew, counting the forward itself.
   */
  async forward(from: MessageRef, conversationIds: string[]): Promise<void> {
    const source = this.held(from);
    const { conversations } = this.store.getState();
    if (source && (source.encrypted || conversationIds.some((id) => conversations[id]?.encrypted)))
      return this.forwardHere(source, conversationIds);
    const newId = this.deps.newId ?? newClientId;
    const { messages } = await this.ask("message:forward", {
      from,
      targets: conversationIds.map((conversationId) => ({ id: newId(), conversationId })),
    });
    this.received(messages);
  }

  /** Forwards from this device: a new message per chat with the content and the forward count, within WhatsApp's limits. */
  private async forwardHere(source: ChatMessage, conversationIds: string[]): Promise<void> {
    if (source.type === "system" || source.type === "deleted" || source.type === "encrypted")
      throw new Error(text("clientErrors.messaging.cantForward"));
    const forwards = (source.forwards ?? 0) + 1;
    const limit = (source.forwards ?? 0) >= FORWARDED_MANY ? 1 : FORWARD_TARGETS_MAX;
    if (conversationIds.length > limit)
      throw new Error(
        limit === 1 ? text("clientErrors.messaging.forwardedManyOneChat") : text("clientErrors.messaging.forwardLimit", { limit }),
      );
    for (const id of conversationIds)
      await this.enqueue(id, {
        type: source.type,
        text: source.text,
        ...(source.location ? { location: source.location } : {}),
        ...(source.contact ? { contact: source.contact } : {}),
        ...(source.linkPreview ? { linkPreview: source.linkPreview } : {}),
        // The same upload (the server lets members of a chat it was sent in use it again); an encrypted one with its key.
        ...(source.file
          ? { fileId: source.file.fileId, ...(source.file.duration !== null ? { duration: source.file.duration } : {}) }
          : {}),
        ...(sealedFileOf(source) ? { sealedFile: sealedFileOf(source) } : {}),
        forwards,
      });
  }

  /** My settings for a chat: pinned, archived, muted, marked unread. */
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
    const lastHeld = () =>
      (this.store.getState().messages[conversationId] ?? [])
        .filter((m) => m.type !== "system" && m.type !== "deleted")
        .slice(-REPORT_MESSAGES);
    await this.decrypted(lastHeld());
    const last = lastHeld();
    // What this device decrypted goes with the report: the server has only ciphertext.
    const plaintext = last.filter((m) => m.encrypted && e2eeOf(m) === "open").map((m) => ({ seq: m.seq, text: m.text, type: m.type }));
    await this.ask("report:create", {
      conversationId,
      reason,
      seqs: last.map((m) => m.seq),
      block,
      ...(plaintext.length ? { plaintext } : {}),
    });
  }

  async setDisappearing(conversationId: string, seconds: number): Promise<void> {
    this.store.upsertConversations([await this.ask("conversation:disappearing", { conversationId, seconds })]);
  }

  /**
   * Messages found by words (and/or a sender or kind), newest first: the server's (it can't read encrypted
   * messages) with this device's index of what it decrypted. Offline, the index answers alone.
   */
  async search(query: { q: string; conversationId?: string; senderId?: string; filter?: SearchFilter }): Promise<SearchResult> {
    const local = this.index.search(query);
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
    const server = await this.deps.fetchJson<SearchResult>(`/api/v1/messages/search?${params}`).catch((error: unknown) => {
      if (local.messages.length) return null;
      throw error;
    });
    return mergeResults(local, server);
  }

  /** Loads the saved index; its change marks go to the first sync (edits and deletions made while this device was away). */
  private loadIndex(): Promise<void> {
    return this.index.load().then((marks) => {
      for (const [id, n] of Object.entries(marks)) this.marks.changes[id] ??= n;
      this.index.retry(this.show);
    });
  }

  /**
   * An end-to-end encrypted file's clear bytes: its ciphertext downloaded, checked against its key and
   * decrypted here (FileTampered when it doesn't match). The last few are kept.
   */
  openFile(message: Pick<ChatMessage, "file">): Promise<Blob> {
    const sealed = sealedFileOf(message);
    const fileId = message.file?.fileId;
    if (!sealed || !fileId) return Promise.reject(new Error(text("clientErrors.messaging.noEncryptedFile")));
    let opened = this.openedFiles.get(fileId);
    if (!opened) {
      opened = (async () => {
        const [crypto, response] = await Promise.all([this.crypto(), fetch(mediaUrl(fileId))]);
        if (!response.ok) throw new Error(text("clientErrors.messaging.fileDownloadFailed"));
        return crypto.decryptFile(await response.blob(), sealed.key, sealed.mime);
      })();
      // A failure that may pass (offline) is not kept; a tampered file fails the same way each time.
      opened.catch(() => this.openedFiles.delete(fileId));
      this.openedFiles.set(fileId, opened);
      for (const old of [...this.openedFiles.keys()].slice(0, -OPENED_FILES)) this.openedFiles.delete(old);
    }
    return opened;
  }

  /** My starred messages, most recently starred first (encrypted ones decrypted, as in their chat). */
  async starred(): Promise<StarredMessage[]> {
    const { starred } = await this.deps.fetchJson<{ starred: StarredMessage[] }>("/api/v1/messages/starred");
    await this.decrypted(starred.map((s) => s.message));
    return starred.map((s) => ({ ...s, message: this.opener.open(s.message) }));
  }

  /** Waits (briefly) until these messages' encrypted ones are decrypted, loading the device if need be. */
  private async decrypted(messages: ChatMessage[]): Promise<void> {
    if (!messages.some((m) => m.encrypted)) return;
    await this.crypto().catch(() => {});
    await this.opener.settle(messages, DECRYPT_WAIT_MS);
  }

  /** The texts an edited message had before (an encrypted one's decrypted here; one that can't be shows as such). */
  async edits(ref: MessageRef): Promise<MessageEditEntry[]> {
    const { edits } = await this.deps.fetchJson<{ edits: MessageEditEntry[] }>(
      `/api/v1/conversations/${encodeURIComponent(ref.conversationId)}/messages/${ref.seq}/edits`,
    );
    const held = this.held(ref);
    if (!held || !edits.some((e) => e.encrypted)) return edits;
    await this.crypto();
    return Promise.all(
      edits.map(async (entry) => {
        if (!entry.encrypted) return entry;
        const version = await this.opener.read(held, entry.encrypted);
        return { ...entry, text: version?.text ?? text("clientErrors.messaging.editUndecryptable") };
      }),
    );
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
      if (this.store.getState().history[conversationId] === "error") throw new Error(text("clientErrors.messaging.revealFailed"));
    }
    this.store.setFocus({ conversationId, seq });
  }

  private requireConnection(): Connection {
    if (!this.connection) throw new Error(text("clientErrors.messaging.notRunning"));
    return this.connection;
  }

  /** A command over the socket; rejects with the server's message when it says no. */
  private async ask<E extends AckEvent>(event: E, payload: PayloadOf<E>): Promise<AckData<E>> {
    const connection = this.requireConnection();
    if (!connection.transport.connected()) throw new Error(text("clientErrors.messaging.offline"));
    const ack = (await connection.transport.request(event, payload, ACK_TIMEOUT_MS)) as Ack<AckData<E>>;
    if (!ack.ok) throw new Error(errorText(ack.error));
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
    if ([...message.text].length > MESSAGE_TEXT_MAX) throw new Error(text("clientErrors.messaging.tooLong", { max: MESSAGE_TEXT_MAX }));
    if (!this.connection) throw new Error(text("clientErrors.messaging.notRunning"));
    const storage = await this.connection.storage;
    const sealed = sealsTo({ store: this.store, byDefault: this.deps.e2eeByDefault ?? false }, conversationId);
    const item = await storage.enqueue({
      id: (this.deps.newId ?? newClientId)(),
      conversationId,
      ...message,
      ...(sealed ? { sealed } : {}),
    });
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

  /** Forgets the chats kept for opening offline, and this device's keys (signing out of this device). */
  async forgetSnapshot(): Promise<void> {
    await this.index.close();
    (await this.device?.catch(() => null))?.close();
    await Promise.all([(await this.connection?.storage)?.clearSnapshot(), this.deps.forgetCrypto?.()]);
  }

  /** History and command results go in through the connection, like everything the server says (no connection: straight into the store). */
  private received(messages: ChatMessage[]) {
    if (this.connection) this.connection.received(messages);
    else this.store.receive(messages);
  }
}

/** How long a call signal may wait for its room key (the sender's first message in the chat shares a new one, by the to-device queue). */
const SIGNAL_KEY_WAIT_MS = 15_000;

/**
 * Decrypts a call signal, waiting for its room key if it hasn't arrived yet: a device that never wrote in
 * the chat before starts a new key with its first signal, and the key travels by another path than the
 * signal, so the signal may come first.
 */
async function decryptWhenKeyed(crypto: CryptoClient, conversationId: string, event: EncryptedEvent) {
  const deadline = Date.now() + SIGNAL_KEY_WAIT_MS;
  for (;;) {
    try {
      return await crypto.decrypt(conversationId, event);
    } catch (error) {
      if (!(error instanceof DecryptFailure) || !error.waiting || Date.now() > deadline) throw error;
      await new Promise<void>((resolve) => {
        const stop = crypto.onRoomKeys(() => done());
        const timer = setTimeout(() => done(), 1_000);
        function done() {
          stop();
          clearTimeout(timer);
          resolve();
        }
      });
    }
  }
}
