// Sends the outbox in order. A file message first uploads its file (resumably: a reload continues the upload
// where the server has it); the messages ready to go (text, or a file already uploaded) go together, up to
// SEND_BATCH_MAX per message:send-batch, one batch at a time. A message the server refuses for good is taken
// out and reported, so it can't block the queue; one that failed for a reason a retry can fix (or a batch
// that got no answer) keeps its id (the server dedupes retries) and holds back the ones after it.

import { type ChatMessage, refusedForGood, SEND_BATCH_MAX, type SendMessage } from "@/lib/contracts/messaging";
import { errorText } from "@/lib/i18n/text";
import type { MessagingStore } from "./messaging-store";
import type { ClientStore, OutboxItem, PendingUpload, SealedUpload } from "./outbox";
import { ACK_TIMEOUT_MS, type MessagingTransport } from "./transport";

/** Waits between send attempts of the first outbox item: 1 s, 2 s, 4 s... up to 30 s. */
const retryDelay = (attempts: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempts - 1, 5));

/** An upload the server refused for good (too large, not the kind claimed...): the message can't be sent. */
export class UploadRefused extends Error {}

/** Uploads an outbox item's file and resolves with its file id; rejects with UploadRefused when retrying can't help. */
export type FileUploader = (
  item: OutboxItem,
  events: { progress: (fraction: number) => void; created: (uploadUrl: string) => void },
  signal: AbortSignal,
) => Promise<string>;

export interface FlushDeps {
  upload: FileUploader;
  transport: MessagingTransport;
  storage: Promise<ClientStore>;
  store: MessagingStore;
  /** Resolves once the outbox has been read from storage. */
  ready: Promise<void>;
  /** Where acked messages go: the one path by which messages reach the store (and settle their pending items). */
  received: (messages: ChatMessage[]) => void;
  /** Runs `run` after `ms` unless the connection has stopped by then. */
  later: (run: () => void, ms: number) => void;
  stopped: () => boolean;
  /**
   * What the server is sent for an item: payloadOf(item), or (an end-to-end encrypted chat) its content
   * encrypted, at the moment it is sent. Rejects when that can't be done now (tried again later).
   */
  seal: (item: OutboxItem) => Promise<SendMessage>;
  /**
   * A file message's file encrypted, when its message will be end-to-end encrypted (null: it goes as it is).
   * Rejects when that can't be decided now (tried again later). None: files go as they are.
   */
  sealFile?: (item: OutboxItem) => Promise<SealedUpload | null>;
}

export interface Flusher {
  /** Starts sending unless a flush is already running (which picks up new items itself). */
  flush(): void;
  /** Takes an item out before it was sent, stopping its upload. */
  cancel(id: string): Promise<void>;
  /** Stops the uploads in flight (the connection is going away; the items stay in the outbox). */
  stop(): void;
}

export function outboxFlusher(d: FlushDeps): Flusher {
  let flushing = false;
  const uploads = new Map<string, AbortController>();

  /** Uploads the item's file: "done" (its fileId is stored), "gone" (refused and reported, or cancelled) or "retry". */
  async function upload(storage: ClientStore, item: OutboxItem & { upload: NonNullable<OutboxItem["upload"]> }) {
    const controller = new AbortController();
    uploads.set(item.id, controller);
    try {
      const fileId = await d.upload(
        item,
        {
          progress: (progress) => d.store.updatePending(item.id, { progress }),
          created: (uploadUrl) => {
            const patch = { upload: { ...item.upload, uploadUrl } };
            d.store.updatePending(item.id, patch);
            void storage.update(item.id, patch);
          },
        },
        controller.signal,
      );
      await storage.update(item.id, { fileId });
      d.store.updatePending(item.id, { fileId, progress: 1 });
      return "done";
    } catch (error) {
      if (controller.signal.aborted) return "gone";
      if (!(error instanceof UploadRefused)) return "retry";
      await storage.remove(item.id);
      d.store.rejectPending(item, error.message);
      return "gone";
    } finally {
      uploads.delete(item.id);
    }
  }

  /**
   * The item's upload, its file encrypted first if its message will be (once, before the upload starts: the
   * ciphertext is kept, so a resumed upload continues with the same bytes). Null: not decided yet.
   */
  async function sealedUpload(storage: ClientStore, item: OutboxItem, pending: PendingUpload): Promise<PendingUpload | null> {
    if (pending.sealed || pending.uploadUrl || !d.sealFile) return pending;
    const sealed = await d.sealFile(item).catch(() => undefined);
    if (sealed === undefined) return null;
    if (!sealed) return pending;
    const next = { ...pending, sealed };
    await storage.update(item.id, { upload: next });
    d.store.updatePending(item.id, { upload: next });
    return next;
  }

  async function run() {
    flushing = true;
    try {
      const storage = await d.storage;
      await d.ready;
      for (let pending = d.store.getState().pending; pending[0] && d.transport.connected() && !d.stopped(); ) {
        const item = pending[0];
        if (item.upload && !item.fileId) {
          const file = await sealedUpload(storage, item, item.upload);
          if (!file) return retryLater(storage, item.id);
          const outcome = await upload(storage, { ...item, upload: file });
          if (outcome === "retry") return retryLater(storage, item.id);
          // Uploaded (the item now has its fileId) or gone: look at the head again.
        } else {
          const held = await sendBatch(storage, readyRun(pending));
          if (held) return retryLater(storage, held);
        }
        pending = d.store.getState().pending;
      }
    } finally {
      flushing = false;
    }
  }

  /** The items' payloads in order, encrypted where their chat is (one after the other: a room key is shared once). */
  async function sealed(items: OutboxItem[]): Promise<SendMessage[]> {
    const out: SendMessage[] = [];
    for (const item of items) out.push(await d.seal(item));
    return out;
  }

  /** Sends items in one batch and settles what the server answered; returns the id to retry first, if any. */
  async function sendBatch(storage: ClientStore, items: OutboxItem[]): Promise<string | undefined> {
    const messages = await sealed(items).catch(() => null);
    // Not encrypted yet (the device is still loading, or keys couldn't be fetched): try again later.
    if (!messages) return items[0].id;
    const ack = await d.transport.request("message:send-batch", { messages }, ACK_TIMEOUT_MS).catch(() => null);
    // No answer, or the batch itself refused (the connection's event budget): all of it is tried again.
    if (!ack?.ok) return items[0].id;
    const stored: ChatMessage[] = [];
    let held: string | undefined;
    for (const [i, item] of items.entries()) {
      const result = ack.data[i];
      if (result?.ok) {
        await storage.remove(item.id);
        stored.push(result.data.message);
      } else if (result && refusedForGood(result.error.code)) {
        await storage.remove(item.id);
        d.store.rejectPending(item, errorText(result.error));
      } else held ??= item.id;
    }
    d.received(stored);
    return held;
  }

  async function retryLater(storage: ClientStore, id: string) {
    const attempts = await storage.recordAttempt(id);
    d.store.updatePending(id, { attempts });
    d.later(flush, retryDelay(attempts));
  }

  function flush() {
    if (!flushing) void run().catch(() => {});
  }

  async function cancel(id: string) {
    // Out of the queue first, so the flush moving on from the aborted upload doesn't pick it up again.
    d.store.dropPending(id);
    uploads.get(id)?.abort();
    await (await d.storage).remove(id);
  }
  return {
    flush,
    cancel,
    stop: () => {
      for (const controller of uploads.values()) controller.abort();
    },
  };
}

/** The items at the head of the outbox that can go now (no upload waiting), at most a batch of them. */
function readyRun(pending: OutboxItem[]): OutboxItem[] {
  const end = pending.findIndex((item) => item.upload && !item.fileId);
  return pending.slice(0, end === -1 ? SEND_BATCH_MAX : Math.min(end, SEND_BATCH_MAX));
}

/** What the server is sent for an outbox item (over the socket here, by REST from the service worker). */
export function payloadOf({
  id,
  conversationId,
  to,
  type,
  text,
  fileId,
  duration,
  location,
  contact,
  linkPreview,
  replyTo,
  forwards,
}: OutboxItem): SendMessage {
  return {
    id,
    ...(conversationId ? { conversationId } : { to }),
    ...(type && type !== "text" ? { type } : {}),
    text,
    ...(fileId ? { fileId } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(location ? { location } : {}),
    ...(contact ? { contact: { userId: contact.userId } } : {}),
    ...(linkPreview ? { linkPreview } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
    ...(forwards ? { forwards } : {}),
  };
}
