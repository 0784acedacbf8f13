// The local search index of end-to-end encrypted messages. The server can't search ciphertext, so each
// device indexes what it decrypted (minisearch, in memory) and answers with the server's rules: words as
// prefixes of words (searchTerms), all of them; a chat, a sender, a kind (media, links, documents); newest
// first. Every message the engine shows passes through take(): a decrypted one is indexed (again if it
// changed), one deleted for everyone, undecryptable, or edited and not decrypted yet leaves. Messages
// deleted for me, gone (disappeared) or in chats no longer listed leave too. The index is kept in
// IndexedDB sealed with the device's key (device-vault.ts): its words never sit there in the clear.
import MiniSearch, { type AsPlainObject, type Options } from "minisearch";
import { type SearchFilter, type SearchResult, searchTerms } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import type { SealedValue } from "./device-vault";
import { e2eeOf, type HeldMessage } from "./message-opener";

/** Changes are saved this long after the first one of a burst. */
const SAVE_DELAY_MS = 2_000;
/** The saved shape's version: another one is dropped and the index starts again. */
const FORMAT = 1;

export interface LocalQuery {
  q: string;
  conversationId?: string;
  senderId?: string;
  filter?: SearchFilter;
  /** Only messages older than this message id. */
  before?: string;
  limit?: number;
}

/** What the index keeps of a message: what a result shows; never its ciphertext, reactions or the quote of another message or status. */
type Found = Omit<ChatMessage, "encrypted" | "sealedReactions" | "reactions" | "replyTo" | "status">;

interface Doc {
  ref: string;
  text: string;
  message: Found;
}

interface Saved {
  format: typeof FORMAT;
  index: AsPlainObject;
  /** Indexed messages edited since, not decrypted yet (ciphertext only): tried again on load. */
  waiting: ChatMessage[];
  /** Per chat, the change number the index is current to: the first sync asks for what changed since. */
  marks: Record<string, number>;
}

const refOf = (m: { conversationId: string; seq: number }) => `${m.conversationId}/${m.seq}`;
/** A text's words, by the rule of searchTerms and the highlighting (letters and digits). */
const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

const OPTIONS: Options<Doc> = {
  idField: "ref",
  fields: ["text"],
  storeFields: ["message"],
  tokenize: words,
  processTerm: (term) => term.toLowerCase(),
  searchOptions: { prefix: true, combineWith: "AND" },
};

/** The server's filters (server/store/search-sql.ts), on a message as shown. */
const FILTERS: Record<SearchFilter, (m: Found) => boolean> = {
  media: (m) => Boolean(m.file) && (m.type === "image" || m.type === "video"),
  documents: (m) => Boolean(m.file) && m.type === "document",
  links: (m) => m.type === "text" && /https?:\/\/|www\./.test(m.text.toLowerCase()),
};

function found(message: ChatMessage): Found {
  const { encrypted, sealedReactions, reactions, replyTo, status, e2ee, ...kept } = message as HeldMessage;
  return kept;
}

const expired = (m: Found, now: number) => m.expiresAt !== undefined && Date.parse(m.expiresAt) <= now;

/** Newest first by id (UUIDv7: time-ordered), as the server orders. */
const newestFirst = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The server's results (plain chats) and the index's (encrypted ones) as one page, newest first; a message both found shows as decrypted. */
export function mergeResults(local: SearchResult, server: SearchResult | null, limit = 50): SearchResult {
  const byId = new Map((server?.messages ?? []).map((m) => [m.id, m]));
  for (const m of local.messages) byId.set(m.id, m);
  const messages = [...byId.values()].sort(newestFirst);
  return { messages: messages.slice(0, limit), hasMore: messages.length > limit || local.hasMore || Boolean(server?.hasMore) };
}

export interface LocalSearchDeps {
  /** Where the index is kept (the browser: the device's vault); none: in memory only. */
  storage?: () => Promise<SealedValue>;
  /** The engine's change marks per chat (what it has taken in of edits and deletions). */
  marks: () => Record<string, number>;
  now?: () => number;
  saveDelayMs?: number;
}

export class LocalSearch {
  private index = new MiniSearch<Doc>(OPTIONS);
  private readonly waiting = new Map<string, ChatMessage>();
  /** Until the saved index is loaded, what happens to the index is also kept here, to be replayed over it. */
  private early: ((index: MiniSearch<Doc>) => void)[] | null = [];
  private loading: Promise<Record<string, number>> | null = null;
  private vault: Promise<SealedValue> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private writable = false;
  private closed = false;

  constructor(private readonly deps: LocalSearchDeps) {}

  /** A message as shown (after the opener): indexed if it was decrypted, taken out if it no longer can be shown from the index. */
  take(message: ChatMessage): void {
    const ref = refOf(message);
    const state = e2eeOf(message);
    if (state === "open") {
      this.waiting.delete(ref);
      this.change((index) => {
        const doc = { ref, text: message.text, message: found(message) };
        const held = index.getStoredFields(ref)?.message;
        if (held && JSON.stringify(held) === JSON.stringify(doc.message)) return false;
        if (held) index.discard(ref);
        index.add(doc);
        return true;
      });
      return;
    }
    // A plain message never replaces an encrypted one; one deleted for everyone does (its ciphertext is gone).
    if (state === undefined && message.type !== "deleted") return;
    if (state !== "waiting") this.waiting.delete(ref);
    this.change((index) => {
      const held = index.getStoredFields(ref)?.message as Found | undefined;
      // Decrypting again after a reload: the version indexed is still this one.
      if (!held || (state === "waiting" && held.editedAt === message.editedAt)) return false;
      // An edit not decrypted yet is tried again (retry); until then its old words are not found.
      if (state === "waiting") this.waiting.set(ref, message);
      index.discard(ref);
      return true;
    });
  }

  /** Messages gone (deleted for me, disappeared). */
  remove(conversationId: string, seqs: number[]): void {
    this.discard(seqs.map((seq) => refOf({ conversationId, seq })));
  }

  /** Keeps only these chats (the full chat list): a chat no longer listed leaves with its messages. */
  keepChats(listed: Iterable<string>): Promise<void> {
    const keep = new Set(listed);
    return this.load().then(() => {
      const gone = this.all((m) => !keep.has(m.conversationId)).map(refOf);
      for (const m of this.waiting.values()) if (!keep.has(m.conversationId)) gone.push(refOf(m));
      this.discard(gone);
    });
  }

  /** Opens again the edits that waited for their keys (`show`: the engine's opener, which calls take()). */
  retry(show: (message: ChatMessage) => unknown): void {
    for (const message of [...this.waiting.values()]) show(message);
  }

  search({ q, conversationId, senderId, filter, before, limit = 50 }: LocalQuery): SearchResult {
    const terms = searchTerms(q);
    if (!terms.length && !filter && !senderId) return { messages: [], hasMore: false };
    const now = (this.deps.now ?? Date.now)();
    const matches = (m: Found) =>
      (!conversationId || m.conversationId === conversationId) &&
      (!senderId || m.senderId === senderId) &&
      (!filter || FILTERS[filter](m)) &&
      (!before || m.id < before) &&
      !expired(m, now);
    const hits = this.index.search(terms.length ? terms.join(" ") : MiniSearch.wildcard, {
      filter: (hit) => matches(hit.message as Found),
    });
    const messages = hits.map((hit) => hit.message as Found).sort(newestFirst);
    return { messages: messages.slice(0, limit), hasMore: messages.length > limit };
  }

  /** Loads the saved index, once; answers the change marks it was saved with (empty if none could be read). */
  load(): Promise<Record<string, number>> {
    this.loading ??= this.read().catch(() => {
      this.early = null;
      return {};
    });
    return this.loading;
  }

  /** This tab may save (it runs the device: another tab of the session would only write an older copy over it). */
  allowSaving(): void {
    this.writable = true;
    this.schedule();
  }

  /** Saves now what is due (stopping the engine). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.saving = this.saving
      .then(() => this.write())
      .catch(() => {
        this.dirty = true;
      });
    return this.saving;
  }

  /** Signing out: nothing more is saved (the vault is about to be deleted); resolves once a save under way is done. */
  close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.saving;
  }

  private async read(): Promise<Record<string, number>> {
    const bytes = this.deps.storage ? await (await this.storage()).load() : null;
    const saved = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Saved) : null;
    const early = this.early ?? [];
    this.early = null;
    if (saved?.format !== FORMAT) return {};
    const index = MiniSearch.loadJS<Doc>(saved.index, OPTIONS);
    // What happened since the page started is newer than what was saved.
    for (const run of early) run(index);
    this.index = index;
    if (early.length) this.dirty = true;
    this.schedule();
    for (const m of saved.waiting) if (!this.waiting.has(refOf(m))) this.waiting.set(refOf(m), m);
    return saved.marks;
  }

  private async write(): Promise<void> {
    if (!this.dirty || !this.writable || this.closed || !this.deps.storage) return;
    // Never over the saved index before it was read (it would be lost).
    await this.load();
    const now = (this.deps.now ?? Date.now)();
    this.discard(this.all((m) => expired(m, now)).map(refOf));
    this.dirty = false;
    const kept = new Set([...this.all(() => true), ...this.waiting.values()].map((m) => m.conversationId));
    const marks = Object.fromEntries(Object.entries(this.deps.marks()).filter(([id]) => kept.has(id)));
    const saved: Saved = { format: FORMAT, index: this.index.toJSON(), waiting: [...this.waiting.values()], marks };
    const vault = await this.storage();
    if (!this.closed) await vault.save(new TextEncoder().encode(JSON.stringify(saved)));
  }

  /** The vault, asked for once (again after a failure: offline, before this browser knew its device). */
  private storage(): Promise<SealedValue> {
    const open = this.deps.storage;
    if (!open) return Promise.reject(new Error("No storage"));
    if (!this.vault) {
      const vault = open();
      this.vault = vault;
      vault.catch(() => {
        if (this.vault === vault) this.vault = null;
      });
    }
    return this.vault;
  }

  private all(which: (m: Found) => boolean): Found[] {
    return this.index.search(MiniSearch.wildcard, { filter: (hit) => which(hit.message as Found) }).map((hit) => hit.message as Found);
  }

  private discard(refs: string[]): void {
    for (const ref of refs) this.waiting.delete(ref);
    this.change((index) => {
      const held = refs.filter((ref) => index.has(ref));
      for (const ref of held) index.discard(ref);
      return held.length > 0;
    });
  }

  /** Runs a change on the index (and keeps it for the saved one, while that loads); `run` says whether anything changed. */
  private change(run: (index: MiniSearch<Doc>) => boolean): void {
    this.early?.push(run);
    if (run(this.index)) {
      this.dirty = true;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.timer || !this.dirty || !this.writable || this.closed) return;
    this.timer = setTimeout(() => void this.flush(), this.deps.saveDelayMs ?? SAVE_DELAY_MS);
  }
}
