// One run of the messaging engine over a socket: cursors, sync, the ordered outbox flush, delivery and
// read reports, presence. The engine starts one per socket and stops it when the socket goes away.
// Everything the server says (pushes, sync pages, acks, REST answers) reaches the store through this
// module's `received` and siblings, never through the engine: data flows engine -> connection -> store.

import type { FlagUpdate, MessageUpdate } from "@/lib/contracts/message-actions";
import { type ChatMessage, type ConversationSummary, PAGE_MAX, type SendMessage } from "@/lib/contracts/messaging";
import { errorText } from "@/lib/i18n/text";
import type { Activity } from "./activity";
import type { GroupClient } from "./group-client";
import { contiguousCursor, highestFromOthers } from "./messaging-state";
import type { MessagingStore } from "./messaging-store";
import { restoreSnapshot } from "./offline-snapshot";
import type { ClientStore, OutboxItem, SealedUpload } from "./outbox";
import { type FileUploader, outboxFlusher } from "./outbox-flush";
import { type ChatView, receiptReports } from "./receipt-reports";
import { ACK_TIMEOUT_MS, type MessagingTransport } from "./transport";

const PRESENCE_PING_MS = 25_000;
const SYNC_RETRY_MS = 5_000;
/** A "sync:needed" is answered within this long, at a random moment. */
const SYNC_NEEDED_SPREAD_MS = 3_000;
const PRESENCE_BATCH = 500;

export interface ConnectionDeps {
  me: string;
  transport: MessagingTransport;
  storage: Promise<ClientStore>;
  store: MessagingStore;
  activity: Activity;
  fetchJson: <T>(path: string) => Promise<T>;
  /** Uploads a file message's file before it is sent. */
  upload: FileUploader;
  /** Reloads groups' info after a reconnect, and a group's when its summary changes. */
  groups: GroupClient;
  /** The chat on screen (set by the engine): its messages are read while the tab is seen. */
  view: ChatView;
  /** What an outbox item goes out as (encrypted for an end-to-end encrypted chat: see e2ee/sealer.ts). */
  seal: (item: OutboxItem) => Promise<SendMessage>;
  /** A file message's file encrypted before its upload, when its message will be (none: files go as they are). */
  sealFile?: (item: OutboxItem) => Promise<SealedUpload | null>;
  /** Keys or room keys wait for this device on the server (a push, or a reconnect): fetch them. */
  cryptoSync: () => void;
  /**
   * Per conversation, the change and flag numbers this device is up to (see sync's changes and flags). In
   * memory: a new page load starts from the messages as they are (the offline copy, lib/client/offline-snapshot.ts,
   * is only shown while the server can't be reached).
   */
  marks: Marks;
  /** The first sync waits for this: change marks kept with the local search index are put in `marks` (none: no wait). */
  marksReady?: Promise<void>;
  /** Live messages wait for this before they are shown: encrypted ones decrypted (the opener's settle; null or none: no wait). */
  decrypted?: (messages: ChatMessage[]) => Promise<void> | null;
}

export interface Marks {
  changes: Record<string, number>;
  flags: Record<string, number>;
}

export type Connection = ReturnType<typeof startConnection>;

export function startConnection(d: ConnectionDeps) {
  const { transport, store } = d;
  const cursors: Record<string, number> = {};
  const seen = () => (d.activity.attentive() ? d.view.open : null);
  const receipts = receiptReports({ me: d.me, transport, store, seen });
  const { report } = receipts;
  const subscribed = new Set<string>();
  const fetching = new Set<string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;
  let loaded = false;
  let connects = 0;
  let syncing: Promise<void> | null = null;
  let syncAgain = false;

  const later = (run: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) run();
    }, ms);
    timers.add(timer);
  };

  // The outbox and the cursors come from storage before anything is synced or sent.
  const ready = d.storage.then(async (storage) => {
    const [items, stored] = await Promise.all([storage.outbox(), storage.cursors()]);
    Object.assign(cursors, stored);
    store.addPending(items);
    loaded = true;
  });

  const outbox = outboxFlusher({ ...d, received, ready, later, stopped: () => stopped });
  const flush = outbox.flush;

  /** Stores messages from any source (push, sync, history, send acks), then moves cursors and reports on. */
  function received(messages: ChatMessage[], live = false) {
    if (messages.length === 0) return;
    store.receive(messages, { seen: seen(), live });
    for (const id of new Set(messages.map((m) => m.conversationId))) {
      afterReceive(
        id,
        messages.filter((m) => m.conversationId === id),
      );
    }
    receipts.markRead();
  }

  /** After messages of one conversation were stored: cursor forward over what is contiguous, gap check, delivery report. */
  function afterReceive(conversationId: string, batch: ChatMessage[]) {
    if (stopped) return;
    if (!loaded) return void ready.then(() => afterReceive(conversationId, batch));
    if (!store.getState().conversations[conversationId]) void fetchConversation(conversationId);
    const held = store.getState().messages[conversationId] ?? [];
    const known = cursors[conversationId];
    const next = contiguousCursor(known ?? Math.min(...batch.map((m) => m.seq)) - 1, held);
    if (next > (known ?? 0)) advanceTo(conversationId, next);
    if (batch.some((m) => m.seq > (cursors[conversationId] ?? 0))) void requestSync();
    report("message:delivered", conversationId, highestFromOthers(held, d.me, cursors[conversationId] ?? 0));
  }

  function advanceTo(conversationId: string, seq: number) {
    cursors[conversationId] = seq;
    void d.storage.then((s) => s.advanceCursor(conversationId, seq)).catch(() => {});
  }

  /**
   * A live change or flag numbered `n` in `kind`: the mark moves when it is the next one; a gap means
   * something was missed, so sync (a device without a mark yet starts from the sync).
   */
  function noteMark(kind: keyof Marks, conversationId: string, n: number) {
    const held = d.marks[kind][conversationId];
    if (held !== undefined && n === held + 1) d.marks[kind][conversationId] = n;
    else if (held === undefined || n > held) void requestSync();
  }

  /** A message as it now is (pushed, or the ack of my own change). */
  function changed(message: MessageUpdate) {
    store.applyChanges([message]);
    noteMark("changes", message.conversationId, message.changedSeq);
  }

  /** My flag on a message (pushed from another device, or the ack of my own). */
  function flagged({ conversationId, flagSeq, ...flag }: FlagUpdate) {
    store.applyFlags(conversationId, [flag]);
    noteMark("flags", conversationId, flagSeq);
  }

  async function fetchConversation(id: string) {
    if (fetching.has(id)) return;
    fetching.add(id);
    try {
      store.upsertConversations([await d.fetchJson<ConversationSummary>(`/api/v1/conversations/${encodeURIComponent(id)}`)]);
      subscribePresence();
    } catch {
      // It is fetched again with the next message, or with the whole list after a reconnect.
    } finally {
      fetching.delete(id);
    }
  }

  function requestSync(): Promise<void> {
    if (syncing) {
      syncAgain = true;
      return syncing;
    }
    syncing = runSync()
      .catch(() => later(() => void requestSync(), SYNC_RETRY_MS))
      .finally(() => {
        syncing = null;
      });
    return syncing;
  }

  async function runSync() {
    await Promise.all([ready, d.marksReady]);
    do {
      syncAgain = false;
      for (let more = true; more && transport.connected() && !stopped; ) {
        const before = JSON.stringify(cursors);
        const ack = await transport.request(
          "sync:request",
          { cursors: { ...cursors }, changes: { ...d.marks.changes }, flags: { ...d.marks.flags }, limit: PAGE_MAX },
          ACK_TIMEOUT_MS,
        );
        if (!ack.ok) throw new Error(errorText(ack.error));
        store.upsertConversations(ack.data.conversations.map((c) => c.conversation));
        received(ack.data.conversations.flatMap((c) => c.messages));
        for (const c of ack.data.conversations) {
          const id = c.conversation.id;
          store.applyChanges(c.changed);
          store.applyFlags(id, c.flags);
          d.marks.changes[id] = c.changesUpTo;
          d.marks.flags[id] = c.flagsUpTo;
          // The server had everything up to upTo: gaps (messages deleted for me, or gone) don't hold the cursor back.
          if (c.upTo > (cursors[id] ?? 0) && (cursors[id] !== undefined || c.messages.length > 0)) advanceTo(id, c.upTo);
        }
        // Page on while some conversation has more, as long as the cursors move (a stuck page can't loop forever).
        more = ack.data.conversations.some((c) => c.hasMore) && JSON.stringify(cursors) !== before;
      }
    } while (syncAgain && transport.connected() && !stopped);
  }

  function subscribePresence() {
    if (!transport.connected() || stopped) return;
    const peers = Object.values(store.getState().conversations).flatMap((c) => (c.peer ? [c.peer.id] : []));
    const ids = [...new Set(peers)].filter((id) => !subscribed.has(id));
    for (let i = 0; i < ids.length; i += PRESENCE_BATCH) {
      const userIds = ids.slice(i, i + PRESENCE_BATCH);
      for (const id of userIds) subscribed.add(id);
      const forget = () => {
        for (const id of userIds) subscribed.delete(id);
      };
      transport
        .request("presence:subscribe", { userIds }, ACK_TIMEOUT_MS)
        .then((ack) => (ack.ok ? store.applyPresence(ack.data) : forget()), forget);
    }
  }

  function ping() {
    if (transport.connected() && d.activity.visible()) transport.send("presence:ping");
  }

  /** Loads the conversation list; also used after a reconnect to pick up missed receipts and counts. */
  async function loadConversations(): Promise<void> {
    try {
      const { conversations } = await d.fetchJson<{ conversations: ConversationSummary[] }>("/api/v1/conversations");
      store.upsertConversations(conversations);
      store.setStatus("ready");
      subscribePresence();
    } catch {
      if (store.getState().status !== "loading") return;
      // No server: the chats as this device last saw them, until it answers.
      await restoreSnapshot(store, await d.storage).catch(() => {});
      store.setStatus("error");
    }
  }

  /** A group's info, settings or membership changed (or I was added or removed). */
  function conversationUpdated(conversation: ConversationSummary) {
    store.upsertConversations([conversation]);
    receipts.catchUp(conversation.id);
    if (store.getState().groups[conversation.id]) void d.groups.load(conversation.id).catch(() => {});
  }

  async function onConnect() {
    connects += 1;
    const reconnect = connects > 1;
    await ready;
    if (stopped) return;
    ping();
    subscribePresence();
    d.cryptoSync();
    await requestSync();
    // Items another tab left behind (closed before they were sent) go out from here too.
    store.addPending(await (await d.storage).outbox());
    flush();
    for (const [id, held] of Object.entries(store.getState().messages)) {
      report("message:delivered", id, highestFromOthers(held, d.me, cursors[id] ?? 0));
    }
    // What a disconnect may have missed: the list's receipts and counts, held groups' info.
    if (reconnect || store.getState().status === "error") void loadConversations();
    if (reconnect) d.groups.reloadHeld();
    receipts.markRead();
  }

  function onDisconnect() {
    subscribed.clear();
    store.clearTyping();
  }

  const pingTimer = setInterval(ping, PRESENCE_PING_MS);
  const offs = [
    transport.on("message:created", (m) => {
      const decrypting = d.decrypted?.([m]);
      if (decrypting) void decrypting.then(() => stopped || received([m], true));
      else received([m], true);
    }),
    transport.on("receipt:updated", (r) => store.applyReceipt(r)),
    transport.on("message:updated", changed),
    transport.on("message:flagged", flagged),
    transport.on("message:removed", (r) => store.removeMessages(r.conversationId, r.seqs)),
    transport.on("typing:updated", (t) => store.applyTyping(t)),
    transport.on("presence:updated", (p) => store.applyPresence([p])),
    transport.on("user:updated", (u) => store.applyUser(u)),
    transport.on("conversation:updated", conversationUpdated),
    transport.on("keys:changed", d.cryptoSync),
    transport.on("to-device:queued", d.cryptoSync),
    // Every client hears this at once: spread the syncs over a few seconds.
    transport.on("sync:needed", () => later(() => void requestSync(), Math.random() * SYNC_NEEDED_SPREAD_MS)),
    transport.onConnection(() => void onConnect().catch(() => {}), onDisconnect),
    d.activity.subscribe(ping),
    d.activity.subscribe(receipts.markRead),
  ];
  if (transport.connected()) void onConnect().catch(() => {});

  return {
    transport,
    storage: d.storage,
    received,
    receipts,
    loadConversations,
    flush,
    changed,
    flagged,
    /** Takes an unsent item out of the outbox, stopping its upload. */
    cancel: outbox.cancel,
    subscribePresence,
    stop() {
      stopped = true;
      // An upload in flight stops too: the next connection resumes it where the server has it.
      outbox.stop();
      clearInterval(pingTimer);
      for (const off of offs) off();
      for (const timer of timers) clearTimeout(timer);
      store.clearTyping();
      void d.storage.then((s) => s.close());
    },
  };
}
