// This device's messaging storage in IndexedDB: the outbox of messages the server has not acknowledged
// yet (so nothing typed is lost to a reload or a dropped connection), and the per-conversation cursor
// (the highest seq up to which this device holds every message), and the chats as last seen, for opening
// the app without a network (lib/client/offline-snapshot.ts), sealed with the device's key: they hold what
// end-to-end encrypted chats said, decrypted. One database per signed-in user; the service worker reads the
// same outbox to send it with Background Sync (lib/service-worker/outbox-sync.ts).
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { DeviceCipher, Sealed } from "@/lib/client/e2ee/device-vault";
import type { LinkPreview } from "@/lib/contracts/link-preview";
import type { UploadKind } from "@/lib/contracts/media";
import type { ChatMessage, ConversationSummary, SendMessage, SharedContact, SharedLocation } from "@/lib/contracts/messaging";
import type { SealedFile, SealedStatusQuote } from "@/lib/contracts/sealed";

/**
 * A message waiting to be sent: the SendMessage it goes out as (lib/contracts/messaging.ts), kept with what
 * only the outbox needs. Its `id` is the client id; retries reuse it, so the server never stores it twice.
 * Items stored by earlier versions have the same fields (IndexedDB keeps them as they were written).
 */
export type OutboxItem = Omit<SendMessage, "text" | "location" | "contact" | "statusId" | "linkPreview"> & {
  /** The message, or a file's caption. */
  text: string;
  /** The point as shown while pending (the contract's defaults filled in). */
  location?: SharedLocation;
  /** The card as shown while pending; only its userId is sent. */
  contact?: SharedContact;
  /** The preview of the text's link, as this device asked for it (it goes inside the message). */
  linkPreview?: LinkPreview;
  /** A file message's file, kept here (IndexedDB stores Blobs) until it is uploaded, so a reload resumes it. */
  upload?: PendingUpload;
  /** Milliseconds since the epoch; strictly increasing within one outbox, so it is also the send order. */
  createdAt: number;
  /** Send attempts that failed or timed out. */
  attempts: number;
  /** How much of the upload the server has, 0-1 (in memory only, for the progress bar). */
  progress?: number;
  /** To be sent end-to-end encrypted (its chat is, or may become so): only the app, which holds the keys, sends it. */
  sealed?: boolean;
  /** A forwarded encrypted file (`fileId` is its ciphertext, already uploaded): what opens it, sent on inside the new message. */
  sealedFile?: SealedFile;
  /** A reply to an encrypted status: what it quotes of it, inside the encrypted reply (the status's id goes beside). */
  statusQuote?: SealedStatusQuote;
};

export interface PendingUpload {
  blob: Blob;
  fileName: string;
  kind: UploadKind;
  /** Where the server keeps the partial upload (tus), once it was created: a resume continues there. */
  uploadUrl?: string;
  /**
   * The file encrypted for an end-to-end encrypted message (e2ee/sealer.ts): what is uploaded instead of
   * `blob` (kept to show while pending), and what goes inside the message. Made once, before the upload
   * starts, so a resumed upload continues with the same ciphertext.
   */
  sealed?: SealedUpload;
}

export interface SealedUpload {
  ciphertext: Blob;
  file: SealedFile;
}

export type NewOutboxItem = Pick<
  OutboxItem,
  | "id"
  | "conversationId"
  | "to"
  | "type"
  | "text"
  | "upload"
  | "fileId"
  | "duration"
  | "location"
  | "contact"
  | "linkPreview"
  | "replyTo"
  | "sealed"
  | "sealedFile"
  | "forwards"
>;

/** One chat as this device last saw it: its summary and its latest messages. */
export interface ChatSnapshot {
  summary: ConversationSummary;
  messages: ChatMessage[];
}

export interface ClientStore {
  /** Stores the item at the end of the outbox and returns it as stored. */
  enqueue(item: NewOutboxItem): Promise<OutboxItem>;
  /** Every item, oldest first. */
  outbox(): Promise<OutboxItem[]>;
  remove(id: string): Promise<void>;
  /** Changes an item still in the outbox (an upload's progress on the server: its URL, then its file id). */
  update(id: string, patch: Partial<Pick<OutboxItem, "upload" | "fileId">>): Promise<void>;
  /** Counts one more failed attempt (if the item is still there) and returns the new count. */
  recordAttempt(id: string): Promise<number>;
  cursors(): Promise<Record<string, number>>;
  /** Moves a cursor forward (never back) and returns the stored value. */
  advanceCursor(conversationId: string, seq: number): Promise<number>;
  /** The chats kept for opening offline. */
  snapshot(): Promise<ChatSnapshot[]>;
  /** Replaces the kept copies of these chats and forgets those with ids in `gone`. */
  saveSnapshot(chats: ChatSnapshot[], gone: string[]): Promise<void>;
  /** Forgets every kept chat (signing out). */
  clearSnapshot(): Promise<void>;
  close(): void;
}

/** A kept chat: its ChatSnapshot as JSON, sealed with the device's key. */
interface SealedChat {
  id: string;
  sealed: Sealed;
}

interface ChatterboxDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { "by-created": number } };
  cursors: { key: string; value: number };
  chats: { key: string; value: SealedChat };
}

export const dbName = (userId: string) => `chatterbox-${userId}`;

/**
 * This user's store. `cipher` is the device's (e2ee/device-vault.ts), asked for when chats are first kept
 * or read; without one (the service worker, which only sends the outbox) no chats are kept.
 */
export async function openClientStore(userId: string, cipher?: () => Promise<DeviceCipher>): Promise<ClientStore> {
  const db = await openDB<ChatterboxDb>(dbName(userId), 3, {
    upgrade(database, from) {
      if (from < 1) {
        database.createObjectStore("outbox", { keyPath: "id" }).createIndex("by-created", "createdAt");
        database.createObjectStore("cursors");
      }
      // Version 2 kept the chats unsealed: they go (the next start writes them again, sealed).
      if (from === 2) database.deleteObjectStore("chats");
      if (from < 3) database.createObjectStore("chats", { keyPath: "id" });
    },
  });
  return idbStore(db, cipher);
}

function idbStore(db: IDBPDatabase<ChatterboxDb>, cipher?: () => Promise<DeviceCipher>): ClientStore {
  const text = { encoder: new TextEncoder(), decoder: new TextDecoder() };
  // Asked for once, on first use; a failure (no device id yet, offline) is asked again next time.
  let device: Promise<DeviceCipher> | null = null;
  const deviceCipher = () => {
    device ??= (cipher ?? (() => Promise.reject(new Error("no device key"))))();
    device.catch(() => (device = null));
    return device;
  };
  return {
    async enqueue(item) {
      const tx = db.transaction("outbox", "readwrite");
      // The newest item, read in the same transaction: two tabs adding at once still get distinct times.
      const last = await tx.store.index("by-created").openCursor(null, "prev");
      const stored: OutboxItem = { ...item, createdAt: Math.max(Date.now(), (last?.value.createdAt ?? 0) + 1), attempts: 0 };
      await Promise.all([tx.store.add(stored), tx.done]);
      return stored;
    },
    outbox: () => db.getAllFromIndex("outbox", "by-created"),
    remove: (id) => db.delete("outbox", id),
    async update(id, patch) {
      const tx = db.transaction("outbox", "readwrite");
      const item = await tx.store.get(id);
      if (item) await tx.store.put({ ...item, ...patch });
      await tx.done;
    },
    async recordAttempt(id) {
      const tx = db.transaction("outbox", "readwrite");
      const item = await tx.store.get(id);
      if (item) await tx.store.put({ ...item, attempts: item.attempts + 1 });
      await tx.done;
      return (item?.attempts ?? 0) + 1;
    },
    async cursors() {
      const tx = db.transaction("cursors");
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
      return Object.fromEntries(keys.map((key, i) => [key, values[i]]));
    },
    async advanceCursor(conversationId, seq) {
      const tx = db.transaction("cursors", "readwrite");
      const next = Math.max((await tx.store.get(conversationId)) ?? 0, seq);
      await Promise.all([tx.store.put(next, conversationId), tx.done]);
      return next;
    },
    async snapshot() {
      const [stored, device] = await Promise.all([db.getAll("chats"), deviceCipher().catch(() => null)]);
      if (!device) return [];
      const opened = await Promise.all(stored.map(({ sealed }) => device.open(sealed)));
      // One that can't be opened (another device's key, a signed-out device's) is skipped.
      return opened.flatMap((bytes) => (bytes ? [JSON.parse(text.decoder.decode(bytes)) as ChatSnapshot] : []));
    },
    async saveSnapshot(chats, gone) {
      const device = await deviceCipher().catch(() => null);
      // Without the device's key nothing is kept: the changed chats are forgotten too (never left stale).
      const sealed = device
        ? await Promise.all(
            chats.map(async (c) => ({ id: c.summary.id, sealed: await device.seal(text.encoder.encode(JSON.stringify(c))) })),
          )
        : [];
      const drop = device ? gone : [...gone, ...chats.map((c) => c.summary.id)];
      const tx = db.transaction("chats", "readwrite");
      await Promise.all([...sealed.map((c) => tx.store.put(c)), ...drop.map((id) => tx.store.delete(id)), tx.done]);
    },
    clearSnapshot: () => db.clear("chats"),
    close: () => db.close(),
  };
}

/** The same store kept in memory only: the fallback when IndexedDB can't be opened (then a reload loses the outbox). */
export function memoryStore(): ClientStore {
  let items: OutboxItem[] = [];
  const cursors = new Map<string, number>();
  return {
    async enqueue(item) {
      const stored = { ...item, createdAt: Math.max(Date.now(), (items.at(-1)?.createdAt ?? 0) + 1), attempts: 0 };
      items = [...items, stored];
      return stored;
    },
    outbox: async () => items,
    async remove(id) {
      items = items.filter((i) => i.id !== id);
    },
    async update(id, patch) {
      items = items.map((i) => (i.id === id ? { ...i, ...patch } : i));
    },
    async recordAttempt(id) {
      items = items.map((i) => (i.id === id ? { ...i, attempts: i.attempts + 1 } : i));
      return items.find((i) => i.id === id)?.attempts ?? 1;
    },
    cursors: async () => Object.fromEntries(cursors),
    async advanceCursor(conversationId, seq) {
      const next = Math.max(cursors.get(conversationId) ?? 0, seq);
      cursors.set(conversationId, next);
      return next;
    },
    // Nothing is kept without IndexedDB: the app then needs the network to show chats.
    snapshot: async () => [],
    saveSnapshot: async () => {},
    clearSnapshot: async () => {},
    close: () => {},
  };
}
