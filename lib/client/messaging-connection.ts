// One run of the messaging engine over a socket: cursors, sync, the ordered outbox flush, delivery and
// read reports, presence. The engine starts one per socket and stops it when the socket goes away.
import type { FlagUpdate, MessageUpdate } from "@/lib/contracts/message-actions";
import { type ChatMessage, type ConversationSummary, PAGE_MAX } from "@/lib/contracts/messaging";
import type { Activity } from "./activity";
import { contiguousCursor, highestFromOthers } from "./messaging-state";
import type { MessagingStore } from "./messaging-store";
import type { ClientStore } from "./outbox";
import { type FileUploader, outboxFlusher } from "./outbox-flush";
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
  /** Everything received goes through here, so that it is stored and its cursor advanced in one place; `live` for a message:created push. */
  received: (messages: ChatMessage[], live?: boolean) => void;
  /** Called after each (re)connect has synced, to report reads and refresh what a disconnect may have missed. */
  onSynced: (reconnect: boolean) => void;
  /** A group's info, settings or membership changed (or I was added or removed). */
  onConversationUpdated: (conversation: ConversationSummary) => void;
  /**
   * Per conversation, the change and flag numbers this device is up to (see sync's changes and flags). In
   * memory: a new page load starts from the messages as they are (the offline copy, lib/client/offline-snapshot.ts,
   * is only shown while the server can't be reached).
   */
  marks: Marks;
}

export interface Marks {
  changes: Record<string, number>;
  flags: Record<string, number>;
}

type ReportEvent = "message:delivered" | "conversation:read";

export type Connection = ReturnType<typeof startConnection>;

export function startConnection(d: ConnectionDeps) {
  const { transport, store } = d;
  const cursors: Record<string, number> = {};
  const reported: Record<ReportEvent, Map<string, number>> = { "message:delivered": new Map(), "conversation:read": new Map() };
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

  const outbox = outboxFlusher({ ...d, ready, later, stopped: () => stopped });
  const flush = outbox.flush;

  function report(event: ReportEvent, conversationId: string, seq: number) {
    const conversation = store.getState().conversations[conversationId];
    // A message request I haven't accepted, or a chat I blocked, reports nothing (the server would ignore it).
    if (conversation?.request || conversation?.blocked) return;
    const mine = conversation?.mine;
    const done = Math.max(
      reported[event].get(conversationId) ?? 0,
      (event === "conversation:read" ? mine?.readSeq : mine?.deliveredSeq) ?? 0,
    );
    if (seq <= done || !transport.connected()) return;
    reported[event].set(conversationId, seq);
    const forget = () => reported[event].get(conversationId) === seq && reported[event].delete(conversationId);
    transport
      .request(event, { conversationId, seq }, ACK_TIMEOUT_MS)
      .then((ack) => (ack.ok ? store.applyReceipt({ conversationId, mine: ack.data, ticks: ack.data.ticks }) : forget()), forget);
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
    await ready;
    do {
      syncAgain = false;
      for (let more = true; more && transport.connected() && !stopped; ) {
        const before = JSON.stringify(cursors);
        const ack = await transport.request(
          "sync:request",
          { cursors: { ...cursors }, changes: { ...d.marks.changes }, flags: { ...d.marks.flags }, limit: PAGE_MAX },
          ACK_TIMEOUT_MS,
        );
        if (!ack.ok) throw new Error(ack.error.message);
        store.upsertConversations(ack.data.conversations.map((c) => c.conversation));
        d.received(ack.data.conversations.flatMap((c) => c.messages));
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

  async function onConnect() {
    connects += 1;
    const reconnect = connects > 1;
    await ready;
    if (stopped) return;
    ping();
    subscribePresence();
    await requestSync();
    // Items another tab left behind (closed before they were sent) go out from here too.
    store.addPending(await (await d.storage).outbox());
    flush();
    for (const [id, held] of Object.entries(store.getState().messages)) {
      report("message:delivered", id, highestFromOthers(held, d.me, cursors[id] ?? 0));
    }
    d.onSynced(reconnect);
  }

  function onDisconnect() {
    subscribed.clear();
    store.clearTyping();
  }

  const pingTimer = setInterval(ping, PRESENCE_PING_MS);
  const offs = [
    transport.on("message:created", (m) => d.received([m], true)),
    transport.on("receipt:updated", (r) => store.applyReceipt(r)),
    transport.on("message:updated", changed),
    transport.on("message:flagged", flagged),
    transport.on("message:removed", (r) => store.removeMessages(r.conversationId, r.seqs)),
    transport.on("typing:updated", (t) => store.applyTyping(t)),
    transport.on("presence:updated", (p) => store.applyPresence([p])),
    transport.on("user:updated", (u) => store.applyUser(u)),
    transport.on("conversation:updated", (c) => d.onConversationUpdated(c)),
    // Every client hears this at once: spread the syncs over a few seconds.
    transport.on("sync:needed", () => later(() => void requestSync(), Math.random() * SYNC_NEEDED_SPREAD_MS)),
    transport.onConnection(() => void onConnect().catch(() => {}), onDisconnect),
    d.activity.subscribe(ping),
  ];
  if (transport.connected()) void onConnect().catch(() => {});

  return {
    transport,
    storage: d.storage,
    afterReceive,
    report,
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
