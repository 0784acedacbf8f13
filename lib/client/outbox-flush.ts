// Sends the outbox: one item at a time, in order, each waiting for its ack. A failed or unanswered send
// keeps the item and its id (the server dedupes retries) and holds back the ones after it; an item the
// server refuses for good is taken out and reported, so it can't block the queue forever.
import type { ChatMessage, SendMessage } from "@/lib/contracts/messaging";
import type { MessagingStore } from "./messaging-store";
import type { ClientStore } from "./outbox";
import { ACK_TIMEOUT_MS, type MessagingTransport } from "./transport";

/** Errors a retry can't fix; anything else (timeouts, "internal", "rate_limited") is retried with the same id. */
const PERMANENT: ReadonlySet<string> = new Set(["bad_request", "payload_too_large", "not_found", "forbidden"]);

/** Waits between send attempts of the first outbox item: 1 s, 2 s, 4 s... up to 30 s. */
const retryDelay = (attempts: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempts - 1, 5));

export interface FlushDeps {
  transport: MessagingTransport;
  storage: Promise<ClientStore>;
  store: MessagingStore;
  /** Resolves once the outbox has been read from storage. */
  ready: Promise<void>;
  received: (messages: ChatMessage[]) => void;
  /** Runs `run` after `ms` unless the connection has stopped by then. */
  later: (run: () => void, ms: number) => void;
  stopped: () => boolean;
}

/** Returns `flush`: starts sending unless a flush is already running (which picks up new items itself). */
export function outboxFlusher(d: FlushDeps): () => void {
  let flushing = false;

  async function run() {
    flushing = true;
    try {
      const storage = await d.storage;
      await d.ready;
      const first = () => d.store.getState().pending[0];
      for (let item = first(); item && d.transport.connected() && !d.stopped(); item = first()) {
        const { id, conversationId, to, text } = item;
        const payload: SendMessage = conversationId ? { id, conversationId, text } : { id, to, text };
        const ack = await d.transport.request("message:send", payload, ACK_TIMEOUT_MS).catch(() => null);
        if (ack?.ok) {
          await storage.remove(id);
          d.received([ack.data.message]);
          d.store.dropPending(id);
          continue;
        }
        if (ack && !ack.ok && PERMANENT.has(ack.error.code)) {
          await storage.remove(id);
          d.store.rejectPending(item, ack.error.message);
          continue;
        }
        const attempts = await storage.recordAttempt(id);
        d.store.updatePending(id, { attempts });
        d.later(flush, retryDelay(attempts));
        return;
      }
    } finally {
      flushing = false;
    }
  }

  function flush() {
    if (!flushing) void run().catch(() => {});
  }
  return flush;
}
