// Keeps the chats on this device so the app opens without a network: after the list or a chat's messages
// change, the changed chats (summary and latest messages) are written to IndexedDB, a few seconds apart at
// most; a start that can't reach the server shows them until it can. Copies of server data only: the
// cursors and the outbox stay the truth about what this device holds and still has to send.
import type { MessagingStore } from "./messaging-store";
import type { ChatSnapshot, ClientStore } from "./outbox";

/** Messages kept per chat: about what an opened chat shows before scrolling. */
export const SNAPSHOT_MESSAGES = 50;
const WRITE_DELAY_MS = 2_000;

/** Writes changed chats as the store changes; returns the function that stops (writing what is due first). */
export function keepSnapshot(store: MessagingStore, storage: Promise<ClientStore>): () => void {
  // What was last written per chat, by reference: the store's snapshots are immutable, so unchanged means same object.
  const written = new Map<string, ChatSnapshot>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function write() {
    timer = null;
    const { conversations, messages } = store.getState();
    const changed: ChatSnapshot[] = [];
    for (const summary of Object.values(conversations)) {
      const held = messages[summary.id] ?? [];
      const last = written.get(summary.id);
      if (last?.summary === summary && last.messages === held) continue;
      written.set(summary.id, { summary, messages: held });
      changed.push({ summary, messages: held.slice(-SNAPSHOT_MESSAGES) });
    }
    const gone = [...written.keys()].filter((id) => !conversations[id]);
    for (const id of gone) written.delete(id);
    if (changed.length || gone.length) await (await storage).saveSnapshot(changed, gone);
  }

  const unsubscribe = store.subscribe(() => {
    timer ??= setTimeout(() => void write().catch(() => {}), WRITE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer) {
      clearTimeout(timer);
      void write().catch(() => {});
    }
  };
}

/** Shows the kept chats (when the server can't be reached at start). */
export async function restoreSnapshot(store: MessagingStore, storage: ClientStore): Promise<void> {
  const chats = await storage.snapshot();
  store.upsertConversations(chats.map((c) => c.summary));
  store.receive(chats.flatMap((c) => c.messages));
}
