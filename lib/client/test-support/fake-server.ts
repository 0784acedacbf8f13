// Test double for the messaging server: an in-memory model of the contract (seqs, idempotent sends,
// sync paging, watermarks) behind a fake MessagingTransport and fake REST calls. Used by engine tests only.
import type { Ack } from "@/lib/contracts/errors";
import { linkPreviewSchema } from "@/lib/contracts/link-preview";
import { searchTerms } from "@/lib/contracts/message-actions";
import type {
  ChatMessage,
  ConversationSummary,
  ReceiptState,
  SendMessage,
  SendMessageBatch,
  SendResult,
  SyncPage,
  SyncRequest,
} from "@/lib/contracts/messaging";
import type { ServerToClientEvents } from "@/lib/contracts/socket-events";
import type { PublicUser } from "@/lib/contracts/users";
import { mentionsUser } from "../../shared/mentions";
import type { AckEvent, AckOf, MessagingTransport, PayloadOf } from "../transport";
import { untouched } from "./summaries";

/** Test users' usernames: their id with a suffix (usernames are at least 3 characters, as mentions need). */
export const usernameOf = (id: string) => `${id}_user`;
export const user = (id: string): PublicUser => ({
  id,
  username: usernameOf(id),
  displayName: id.toUpperCase(),
  about: "",
  avatarUrl: null,
});

interface Conversation {
  id: string;
  kind: ConversationSummary["kind"];
  members: [string, string];
  messages: ChatMessage[];
  receipts: Map<string, ReceiptState>;
}

/** What the server does with one request: answer (default), answer with an error, or never answer. */
export type Behaviour = "ok" | "error" | "refuse" | "drop";

export class FakeServer {
  readonly conversations = new Map<string, Conversation>();
  readonly log: { event: string; payload: unknown }[] = [];
  /** Overrides for the next requests of an event, consumed in order. */
  readonly script = new Map<string, Behaviour[]>();

  /** A chat between two users: a direct one, or a group of the two (named after its id). */
  addConversation(id: string, a: string, b: string, kind: ConversationSummary["kind"] = "direct") {
    const receipt = (userId: string): ReceiptState => ({
      conversationId: id,
      userId,
      deliveredSeq: 0,
      readSeq: 0,
      deliveredAt: null,
      readAt: null,
    });
    this.conversations.set(id, { id, kind, members: [a, b], messages: [], receipts: new Map([a, b].map((u) => [u, receipt(u)])) });
  }

  post(
    conversationId: string,
    senderId: string,
    text: string,
    clientId = `c-${Math.random().toString(36).slice(2, 12)}`,
    extra: Pick<ChatMessage, "type" | "file" | "location" | "contact" | "linkPreview"> = { type: "text" },
  ): ChatMessage {
    const c = this.conv(conversationId);
    const existing = c.messages.find((m) => m.senderId === senderId && m.clientId === clientId);
    if (existing) return existing;
    const m: ChatMessage = {
      id: `m-${conversationId}-${c.messages.length + 1}`,
      clientId,
      conversationId,
      seq: c.messages.length + 1,
      senderId,
      text,
      createdAt: new Date(1_700_000_000_000 + c.messages.length * 1000).toISOString(),
      ...extra,
    };
    c.messages.push(m);
    // Sending moves the sender's own watermarks, as on the real server.
    this.watermark(conversationId, senderId, "readSeq", m.seq);
    this.watermark(conversationId, senderId, "deliveredSeq", m.seq);
    return m;
  }

  summary(id: string, viewer: string): ConversationSummary {
    const c = this.conv(id);
    const last = c.messages.at(-1) ?? null;
    const readSeq = c.receipts.get(viewer)?.readSeq ?? 0;
    const unread = c.messages.filter((m) => m.seq > readSeq && m.senderId !== viewer);
    const group = {
      name: id,
      description: "",
      memberCount: 2,
      myRole: "member" as const,
      onlyAdminsSend: false,
      onlyAdminsEdit: false,
      avatarKey: null,
    };
    return {
      id,
      ...(c.kind === "group"
        ? { kind: "group", peer: null, group }
        : { kind: "direct", peer: user(c.members.find((m) => m !== viewer) ?? viewer), group: null }),
      lastSeq: last?.seq ?? 0,
      lastMessage: last,
      unreadCount: unread.length,
      unreadMentions: c.kind === "group" ? unread.filter((m) => mentionsUser(m.text, usernameOf(viewer))).length : 0,
      mine: watermarks(c.receipts.get(viewer) as ReceiptState),
      ticks: {
        deliveredSeq: Math.min(...[...c.receipts.values()].map((r) => r.deliveredSeq)),
        readSeq: Math.min(...[...c.receipts.values()].map((r) => r.readSeq)),
      },
      createdAt: new Date(1_700_000_000_000).toISOString(),
      lastMessageAt: last?.createdAt ?? null,
      ...untouched,
    };
  }

  watermark(id: string, userId: string, field: "deliveredSeq" | "readSeq", seq: number): ReceiptState {
    const c = this.conv(id);
    const r = c.receipts.get(userId) as ReceiptState;
    const next = { ...r, [field]: Math.max(r[field], seq) };
    c.receipts.set(userId, next);
    return next;
  }

  /** Answers one socket command from `me` as the real server would (or as scripted). */
  handle(me: string, event: string, payload: any): Ack<unknown> | "drop" {
    this.log.push({ event, payload });
    const behaviour = this.script.get(event)?.shift() ?? "ok";
    if (behaviour === "drop") return "drop";
    if (behaviour === "error") return { ok: false, error: { code: "internal", message: "Try again" } };
    if (behaviour === "refuse") return { ok: false, error: { code: "not_found", message: "Conversation not found" } };
    if (event === "message:send") return this.send(me, payload as SendMessage);
    if (event === "message:send-batch") return this.sendBatch(me, (payload as SendMessageBatch).messages);
    if (event === "sync:request") return { ok: true, data: this.sync(me, payload as SyncRequest) };
    if (event === "message:delivered") return { ok: true, data: this.watermark(payload.conversationId, me, "deliveredSeq", payload.seq) };
    if (event === "conversation:read") return { ok: true, data: this.watermark(payload.conversationId, me, "readSeq", payload.seq) };
    if (event === "presence:subscribe") {
      return { ok: true, data: payload.userIds.map((userId: string) => ({ userId, online: userId === "bob", lastSeenAt: null })) };
    }
    throw new Error(`unexpected ${event}`);
  }

  private send(me: string, p: SendMessage): SendResult {
    const id = p.conversationId ?? [...this.conversations.values()].find((c) => c.members.includes(p.to as string))?.id;
    const before = this.conv(id as string).messages.length;
    const message = this.post(id as string, me, p.text ?? "", p.id, attachmentOf(p));
    return { ok: true, data: { message, duplicate: this.conv(id as string).messages.length === before } };
  }

  /**
   * Like the real server: in order, each message as a message:send would be. The script for "message:send"
   * says what happens to each message ("drop" loses the whole batch's answer); after a failure a retry may
   * fix, the rest answer the same error, unsent.
   */
  private sendBatch(me: string, messages: SendMessage[]): Ack<SendResult[]> | "drop" {
    const fates = messages.map(() => this.script.get("message:send")?.shift() ?? "ok");
    if (fates.includes("drop")) return "drop";
    const results: SendResult[] = [];
    let holdBack: SendResult | undefined;
    for (const [i, m] of messages.entries()) {
      const fate = fates[i];
      const result: SendResult =
        holdBack ??
        (fate === "error"
          ? { ok: false, error: { code: "internal", message: "Try again" } }
          : fate === "refuse"
            ? { ok: false, error: { code: "not_found", message: "Conversation not found" } }
            : this.send(me, m));
      if (fate === "error") holdBack ??= result;
      results.push(result);
    }
    return { ok: true, data: results };
  }

  private sync(me: string, { cursors, limit }: SyncRequest): SyncPage {
    const conversations = [...this.conversations.values()]
      .filter((c) => c.members.includes(me))
      .map((c) => {
        const cursor = cursors[c.id];
        const after = cursor === undefined ? c.messages.slice(-limit) : c.messages.filter((m) => m.seq > cursor);
        const messages = after.slice(0, limit);
        const hasMore = after.length > limit;
        const upTo = hasMore ? (messages.at(-1)?.seq ?? 0) : (c.messages.at(-1)?.seq ?? 0);
        return { conversation: this.summary(c.id, me), messages, upTo, changed: [], flags: [], changesUpTo: 0, flagsUpTo: 0, hasMore };
      });
    return { conversations };
  }

  /** REST, as lib/api-client's api() would return it. */
  async fetchJson<T>(me: string, path: string, init?: { method?: string; json?: unknown }): Promise<T> {
    const url = new URL(path, "http://x");
    if (url.pathname === "/api/v1/messages/search") return this.search(me, url.searchParams.get("q") ?? "") as T;
    const [, , , , id, sub] = url.pathname.split("/");
    if (init?.method === "POST") {
      const peer = (init.json as { userId: string }).userId;
      const found = [...this.conversations.values()].find((c) => c.members.includes(peer) && c.members.includes(me));
      if (!found) this.addConversation(`c-${peer}`, me, peer);
      return this.summary(found?.id ?? `c-${peer}`, me) as T;
    }
    if (!id) return { conversations: [...this.conversations.keys()].map((c) => this.summary(c, me)) } as T;
    if (!sub) return this.summary(id, me) as T;
    const before = Number(url.searchParams.get("before") ?? Number.POSITIVE_INFINITY);
    const older = this.conv(id).messages.filter((m) => m.seq < before);
    const limit = Number(url.searchParams.get("limit"));
    return { messages: older.slice(-limit), hasMore: older.length > limit } as T;
  }

  /** The server's search, by words only: it finds what it can read (never what is encrypted). */
  private search(me: string, q: string) {
    const terms = searchTerms(q);
    const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const messages = [...this.conversations.values()]
      .filter((c) => c.members.includes(me))
      .flatMap((c) => c.messages)
      .filter((m) => terms.every((t) => words(m.text).some((w) => w.startsWith(t))))
      .reverse();
    return { messages, hasMore: false };
  }

  private conv(id: string): Conversation {
    const c = this.conversations.get(id);
    if (!c) throw new Error(`no conversation ${id}`);
    return c;
  }
}

/** One device's socket to the fake server. Dropped requests reject after their timeout, like Socket.IO's. */
export class FakeTransport implements MessagingTransport {
  online = false;
  inFlight = 0;
  maxInFlight = 0;
  readonly fired: { event: string; payload: unknown }[] = [];
  private readonly handlers = new Map<string, Set<(payload: any) => void>>();
  private readonly connection = new Set<[() => void, () => void]>();

  constructor(
    private readonly server: FakeServer,
    private readonly me: string,
  ) {}

  connected = () => this.online;

  request<E extends AckEvent>(event: E, payload: PayloadOf<E>, timeoutMs: number): Promise<AckOf<E>> {
    const answer = this.server.handle(this.me, event, payload);
    const sending = event === "message:send" || event === "message:send-batch";
    if (sending) this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    const done = () => sending && this.inFlight--;
    return new Promise((resolve, reject) => {
      if (answer === "drop") setTimeout(() => reject(new Error("operation has timed out")), timeoutMs);
      else queueMicrotask(() => resolve(answer as AckOf<E>));
    }).finally(done) as Promise<AckOf<E>>;
  }

  send(event: string, ...args: unknown[]) {
    this.fired.push({ event, payload: args[0] });
  }

  on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) {
    const set = this.handlers.get(event) ?? new Set();
    set.add(handler as (payload: any) => void);
    this.handlers.set(event, set);
    return () => void set.delete(handler as (payload: any) => void);
  }

  onConnection(onConnect: () => void, onDisconnect: () => void) {
    const pair: [() => void, () => void] = [onConnect, onDisconnect];
    this.connection.add(pair);
    return () => void this.connection.delete(pair);
  }

  /** Delivers a server event to this device. */
  push<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    for (const h of this.handlers.get(event) ?? []) h(args[0]);
  }

  setOnline(online: boolean) {
    this.online = online;
    for (const [up, down] of this.connection) (online ? up : down)();
  }
}

const watermarks = ({ deliveredSeq, readSeq }: ReceiptState) => ({ deliveredSeq, readSeq });

/** What the fake stores of a sent message's attachment: the file by its id alone. */
function attachmentOf(p: SendMessage): Pick<ChatMessage, "type" | "file" | "location" | "contact" | "linkPreview"> {
  const type = p.type ?? "text";
  if (p.fileId) {
    const file = {
      fileId: p.fileId,
      mime: "application/octet-stream",
      size: 0,
      fileName: "file",
      width: null,
      height: null,
      placeholder: null,
      pageCount: null,
    };
    return { type, file: { ...file, duration: p.duration ?? null } };
  }
  if (p.location) return { type, location: { accuracy: null, name: null, ...p.location } };
  if (p.contact) return { type, contact: { userId: p.contact.userId, displayName: p.contact.userId, username: p.contact.userId } };
  if (p.linkPreview) return { type, linkPreview: linkPreviewSchema.parse(p.linkPreview) };
  return { type };
}
