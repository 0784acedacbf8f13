// Property-based test of 1:1 messaging against the real server. Two users, A and B, share one direct
// conversation; each has two devices (A0, A1, B0, B1), each its own API token and socket. fast-check
// generates a program of sends, same-id retries (socket or REST), disconnects, reconnects, reads and
// pauses. Every simulated device keeps what a real client keeps (messages by seq, a contiguous cursor, an
// outbox of unacked sends, everyone's receipt watermarks) and acks delivery of what it receives. After the
// program every device reconnects and syncs, and the run checks: nothing acked is lost, nothing is stored
// twice, every device holds the same seq -> message map, and no tick ever goes backwards. Devices merge
// watermarks with max, as a client must: a sync page's receipts can be older than a receipt:updated the
// socket already delivered (the run counts those in `staleSummaries`).
//
// Replay a failure with FC_SEED=<seed> FC_PATH=<path> (printed by fast-check); FC_RUNS changes the run count.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChatMessage,
  type ConversationSummary,
  type MessageStatus,
  messageStatus,
  type ReceiptState,
  type SendMessage,
} from "../../lib/contracts/messaging";
import { connect, connected, createUser, request, type TestSocket } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { emitAck, fullHistory, historyPage, signInDevice } from "../helpers/messaging-client";
import { type RunningServer, startServer } from "../helpers/server";

// ---------------------------------------------------------------------------------------------------
// The generated program

const DEVICES = ["A0", "A1", "B0", "B1"] as const;
type DeviceName = (typeof DEVICES)[number];

type Command =
  | { op: "send"; device: DeviceName; text: string }
  | { op: "retry"; device: DeviceName; via: "socket" | "rest" }
  | { op: "disconnect"; device: DeviceName }
  | { op: "reconnect"; device: DeviceName }
  | { op: "read"; device: DeviceName }
  | { op: "pause"; ms: number };

interface Scenario {
  /** `limit` of every sync:request and history page, small so that paging is exercised. */
  pageSize: number;
  /** Devices connected (and synced) before the program; the others have never seen the conversation. */
  online: Record<DeviceName, boolean>;
  commands: Command[];
}

const formatCommand = (c: Command): string => {
  switch (c.op) {
    case "send":
      return `${c.device} send ${JSON.stringify(c.text)}`;
    case "retry":
      return `${c.device} retry last send via ${c.via}`;
    case "pause":
      return `pause ${c.ms} ms`;
    default:
      return `${c.device} ${c.op}`;
  }
};

const formatScenario = (s: Scenario): string =>
  [
    `pageSize ${s.pageSize}; online at start: ${DEVICES.filter((d) => s.online[d]).join(", ") || "none"}`,
    ...s.commands.map((c, i) => `  ${String(i + 1).padStart(2)}. ${formatCommand(c)}`),
  ].join("\n");

const deviceArb = fc.constantFrom(...DEVICES);
// Real-world text: ASCII, any Unicode grapheme (emoji, RTL, combining marks), newlines. Never blank (the
// server refuses that with 400) and without U+0000, which PostgreSQL can't store: the server answers such
// a send with 500 on every retry (SQLite stores it), a server bug kept out of this property on purpose.
const textArb = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }),
    fc.constantFrom("hi", "👍🏽", "שלום עולם", "line 1\nline 2", "  padded  "),
  )
  .map((t) => t.replaceAll("\u0000", ""))
  .map((t) => (t.trim() ? t : `${t}·`));

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("send" as const), device: deviceArb, text: textArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("retry" as const),
      device: deviceArb,
      via: fc.constantFrom("socket" as const, "rest" as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("disconnect" as const), device: deviceArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("reconnect" as const), device: deviceArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("read" as const), device: deviceArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("pause" as const), ms: fc.integer({ min: 0, max: 30 }) }) },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    pageSize: fc.integer({ min: 1, max: 4 }),
    online: fc.record({ A0: fc.boolean(), A1: fc.boolean(), B0: fc.boolean(), B1: fc.boolean() }),
    commands: fc.array(commandArb, { minLength: 1, maxLength: 25, size: "max" }),
  })
  // fast-check prints counterexamples with this instead of a JSON dump.
  .map((s) => Object.assign(s, { [fc.toStringMethod]: () => `\n${formatScenario(s)}` }));

// ---------------------------------------------------------------------------------------------------
// The model: what each device knows, and what the whole run observed

const RANK: Record<MessageStatus, number> = { Pending: 0, Sent: 1, Delivered: 2, Read: 3 };

interface SentRecord {
  device: DeviceName;
  senderId: string;
  text: string;
  /** Ever sent over REST (its order relative to socket sends is then up to the test, not the server). */
  viaRest: boolean;
}

interface Stats {
  runs: number;
  messages: number;
  duplicateAcks: number;
  staleSummaries: number;
  naiveRegressions: number;
  pipelinedReorders: number;
  /** Milliseconds spent making users, connecting, running programs, and bringing devices back + checking. */
  ms: { users: number; setup: number; program: number; final: number };
}

class Run {
  readonly violations: string[] = [];
  readonly trace: string[] = [];
  readonly pending = new Set<Promise<unknown>>();
  /** Every client id any device generated, in creation order. */
  readonly sent = new Map<string, SentRecord>();
  /** Every ack (socket or REST) per client id. */
  readonly acks = new Map<string, { id: string; seq: number; duplicate: boolean }[]>();
  /** Per user: highest seq reported, and highest seq whose report was acked. */
  readonly reports = new Map<string, { readSent: number; readAcked: number; deliveredSent: number; deliveredAcked: number }>();
  devices: Device[] = [];
  step = "setup";

  constructor(
    readonly base: string,
    readonly conversationId: string,
    readonly pageSize: number,
    readonly stats: Stats,
  ) {}

  violation(message: string) {
    this.violations.push(`[${this.step}] ${message}`);
  }
  log(line: string) {
    this.trace.push(`[${this.step}] ${line}`);
  }
  /** Background work (acks, reports, outbox flushes) that the run waits for before checking. */
  track(work: Promise<unknown>) {
    const p = work.catch((error) => this.violation(`background task threw: ${(error as Error).stack ?? error}`));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
  async settle() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
  reportsOf(userId: string) {
    const r = this.reports.get(userId) ?? { readSent: 0, readAcked: 0, deliveredSent: 0, deliveredAcked: 0 };
    this.reports.set(userId, r);
    return r;
  }
}

class Device {
  socket: TestSocket | null = null;
  /** Highest seq held with everything below it; undefined until the first sync (the conversation is unknown). */
  cursor: number | undefined;
  readonly held = new Map<number, ChatMessage>();
  /** Unacked sends, in creation order. */
  outbox: { id: string; text: string }[] = [];
  lastSend: { id: string; text: string } | null = null;
  /** Seq of each of my user's messages, from acks, pushes and syncs. */
  readonly seqOf = new Map<string, number>();
  /** Everyone's watermarks, merged with max as a client must (a sync summary can be older than a push). */
  readonly receipts = new Map<string, ReceiptState>();
  /** The same, replaced by whatever arrived last: only for the stats. */
  readonly naiveReceipts = new Map<string, ReceiptState>();
  /** Per message of my user: the ticks this device showed, in order. */
  readonly ticks = new Map<string, MessageStatus[]>();
  readonly naiveTicks = new Map<string, MessageStatus[]>();
  /** Highest seq a delivery report was sent / acked for. */
  deliveredSent = 0;
  deliveredAcked = 0;
  flushing = false;

  constructor(
    readonly run: Run,
    readonly name: DeviceName,
    readonly me: string,
    readonly peer: string,
    readonly token: string,
  ) {}

  get connected() {
    return this.socket?.connected === true;
  }

  private get conversation() {
    return this.run.conversationId;
  }

  // --- connection -------------------------------------------------------------------------------

  /** Connect, sync every page, then flush the outbox in order with the same ids. */
  async connect() {
    const socket = connect(this.run.base, { token: this.token });
    this.socket = socket;
    const lastRaw = new Map<string, ReceiptState>();
    socket.on("message:created", (m) => {
      this.run.log(`${this.name} got message:created ${fmtMessage(m)}`);
      this.receive([m], "push");
    });
    socket.on("receipt:updated", (r) => {
      // Pushed watermarks, in the order one socket receives them, only ever move forward and always move.
      const last = lastRaw.get(r.userId);
      if (last && (r.deliveredSeq < last.deliveredSeq || r.readSeq < last.readSeq))
        this.run.violation(`${this.name}: receipt:updated went backwards for ${r.userId}: ${fmtReceipt(last)} then ${fmtReceipt(r)}`);
      if (last && r.deliveredSeq === last.deliveredSeq && r.readSeq === last.readSeq)
        this.run.violation(`${this.name}: receipt:updated that changed nothing: ${fmtReceipt(r)}`);
      lastRaw.set(r.userId, r);
      this.run.log(`${this.name} got receipt:updated ${fmtReceipt(r)}`);
      this.applyReceipt(r, "push");
    });
    await connected(socket);
    this.run.log(`${this.name} connected`);
    await this.sync();
    this.flush();
  }

  disconnect() {
    this.socket?.disconnect();
    this.socket = null;
    this.run.log(`${this.name} disconnected (outbox ${this.outbox.length})`);
  }

  /** sync:request from the cursor, page after page while hasMore. */
  async sync() {
    const socket = this.socket;
    for (let round = 0; socket?.connected; round++) {
      if (round > 100) return this.run.violation(`${this.name}: sync did not finish after 100 pages (cursor ${this.cursor})`);
      const from = this.cursor; // pushes may move the cursor while the page is on its way
      const known = from !== undefined;
      const cursors = known ? { [this.conversation]: from } : {};
      const res = await emitAck(socket, "sync:request", { cursors, limit: this.run.pageSize });
      if (!res.ok) {
        if (res.transport !== undefined && !socket.connected) return;
        return this.run.violation(`${this.name}: sync:request failed: ${JSON.stringify(res)}`);
      }
      const { conversations } = res.data;
      if (conversations.length !== 1 || conversations[0].conversation.id !== this.conversation) {
        return this.run.violation(`${this.name}: sync listed ${JSON.stringify(conversations.map((c) => c.conversation.id))}`);
      }
      const [{ conversation, messages, hasMore }] = conversations;
      this.checkSummary(conversation);
      this.run.log(
        `${this.name} sync from ${from ?? "unknown"}: seqs [${messages.map((m) => m.seq)}] hasMore ${hasMore}, receipts ${conversation.receipts.map(fmtReceipt).join(" ")}`,
      );
      if (messages.length > this.run.pageSize)
        this.run.violation(`${this.name}: a sync page of ${messages.length} > limit ${this.run.pageSize}`);
      if (known && messages.some((m, i) => m.seq !== from + 1 + i))
        this.run.violation(`${this.name}: sync after ${from} returned seqs [${messages.map((m) => m.seq)}]`);
      for (const r of conversation.receipts) this.applyReceipt(r, "sync");
      if (!known) {
        // Unknown conversation: the latest page only; the rest is history, fetched with `before`.
        if (hasMore) this.run.violation(`${this.name}: first sync of an unknown conversation said hasMore`);
        await this.backfill(messages);
        this.cursor = 0;
      }
      this.receive(messages, "sync");
      if (!hasMore) return;
    }
  }

  /** Older messages below the first page, as a client scrolling up would load them. */
  private async backfill(page: ChatMessage[]) {
    let before = page[0]?.seq;
    while (before !== undefined && before > 1) {
      const older = await historyPage(this.run.base, this.token, this.conversation, { before, limit: this.run.pageSize });
      const seqs = older.messages.map((m) => m.seq);
      const n = Math.min(this.run.pageSize, before - 1);
      const expected = Array.from({ length: n }, (_, i) => before - n + i);
      if (JSON.stringify(seqs) !== JSON.stringify(expected) || older.hasMore !== expected[0] > 1)
        this.run.violation(`${this.name}: history before ${before} gave seqs [${seqs}] hasMore ${older.hasMore}, expected [${expected}]`);
      this.receive(older.messages, "history");
      if (!older.hasMore || older.messages.length === 0) break;
      before = older.messages[0].seq;
    }
  }

  // --- sending ----------------------------------------------------------------------------------

  send(text: string) {
    const item = { id: randomUUID(), text };
    this.run.sent.set(item.id, { device: this.name, senderId: this.me, text, viaRest: false });
    this.outbox.push(item);
    this.lastSend = item;
    this.recordTicks();
    if (this.connected && !this.flushing) this.run.track(this.emitSend(item));
  }

  retry(via: "socket" | "rest") {
    const item = this.lastSend;
    if (!item) return;
    if (via === "rest") {
      (this.run.sent.get(item.id) as SentRecord).viaRest = true;
      this.run.track(this.postSend(item));
    } else if (this.connected) {
      this.run.track(this.emitSend(item));
    }
  }

  /** The conversation id once known; before that, the direct chat is addressed by the peer's user id. */
  private payload(item: { id: string; text: string }): SendMessage {
    return this.cursor === undefined && this.held.size === 0
      ? { id: item.id, to: this.peer, text: item.text }
      : { id: item.id, conversationId: this.conversation, text: item.text };
  }

  private async emitSend(item: { id: string; text: string }): Promise<boolean> {
    const socket = this.socket as TestSocket;
    const res = await emitAck(socket, "message:send", this.payload(item));
    if (res.ok) return this.acked(item, res.data.message, res.data.duplicate, "socket");
    if (res.transport !== undefined && socket !== this.socket) return false; // disconnected on purpose; it stays in the outbox
    this.run.violation(`${this.name}: message:send ${item.id} failed on a live socket: ${JSON.stringify(res)}`);
    return false;
  }

  private async postSend(item: { id: string; text: string }): Promise<boolean> {
    const res = await request(this.run.base, "POST", "/api/v1/messages", { token: this.token, json: this.payload(item) });
    if ((res.status === 201 && res.body.duplicate === false) || (res.status === 200 && res.body.duplicate === true)) {
      return this.acked(item, res.body.message, res.body.duplicate, "rest");
    }
    this.run.violation(`${this.name}: POST /api/v1/messages ${item.id} answered ${res.status} ${JSON.stringify(res.body)}`);
    return false;
  }

  private acked(item: { id: string; text: string }, message: ChatMessage, duplicate: boolean, via: string): boolean {
    const acks = this.run.acks.get(item.id) ?? [];
    this.run.acks.set(item.id, acks);
    acks.push({ id: message.id, seq: message.seq, duplicate });
    if (duplicate) this.run.stats.duplicateAcks++;
    this.run.log(`${this.name} ack (${via}) ${item.id.slice(0, 8)} -> seq ${message.seq}${duplicate ? " duplicate" : ""}`);
    if (
      message.clientId !== item.id ||
      message.senderId !== this.me ||
      message.text !== item.text ||
      message.conversationId !== this.conversation
    )
      this.run.violation(`${this.name}: ack for ${item.id} ${JSON.stringify(item.text)} carried ${JSON.stringify(message)}`);
    if (acks.some((a) => a.id !== message.id || a.seq !== message.seq))
      this.run.violation(`${this.name}: acks for the same client id ${item.id} disagree: ${JSON.stringify(acks)}`);
    if (acks.filter((a) => !a.duplicate).length > 1)
      this.run.violation(`${this.name}: client id ${item.id} was acked as new more than once: ${JSON.stringify(acks)}`);
    this.outbox = this.outbox.filter((o) => o.id !== item.id);
    this.receive([message], "ack");
    return true;
  }

  /** The outbox, oldest first, one send at a time (as a real client does), same ids as before. */
  flush() {
    if (this.flushing || !this.connected || this.outbox.length === 0) return;
    this.flushing = true;
    this.run.track(
      (async () => {
        try {
          for (const item of [...this.outbox]) {
            if (!this.connected) return;
            if (!this.outbox.includes(item)) continue;
            if (!(await this.emitSend(item))) return;
          }
        } finally {
          this.flushing = false;
        }
        this.flush(); // sends queued meanwhile
      })(),
    );
  }

  // --- receiving --------------------------------------------------------------------------------

  receive(messages: ChatMessage[], source: string) {
    for (const m of messages) {
      if (m.conversationId !== this.conversation) {
        this.run.violation(`${this.name}: ${source} brought a message of another conversation: ${JSON.stringify(m)}`);
        continue;
      }
      const had = this.held.get(m.seq);
      if (had && (had.id !== m.id || had.clientId !== m.clientId || had.text !== m.text))
        this.run.violation(`${this.name}: seq ${m.seq} was ${fmtMessage(had)}, then ${source} said ${fmtMessage(m)}`);
      if (!had) this.held.set(m.seq, m);
      const sent = this.run.sent.get(m.clientId);
      if (!sent || sent.senderId !== m.senderId || sent.text !== m.text)
        this.run.violation(`${this.name}: ${source} brought ${fmtMessage(m)}, which nobody sent like that (sent: ${JSON.stringify(sent)})`);
      if (m.senderId === this.me) {
        const known = this.seqOf.get(m.clientId);
        if (known !== undefined && known !== m.seq)
          this.run.violation(`${this.name}: client id ${m.clientId} seen at seq ${known} and at seq ${m.seq}`);
        this.seqOf.set(m.clientId, m.seq);
      }
    }
    if (this.cursor !== undefined) {
      while (this.held.has(this.cursor + 1)) this.cursor++;
    }
    this.reportDelivered();
    this.recordTicks();
  }

  /** message:delivered up to the cursor, whenever it moved over a message from the peer. */
  reportDelivered() {
    const socket = this.socket;
    const upTo = this.cursor;
    if (upTo === undefined || upTo <= this.deliveredSent || !socket?.connected) return;
    let fromPeer = false;
    for (let s = this.deliveredSent + 1; s <= upTo && !fromPeer; s++) fromPeer = this.held.get(s)?.senderId === this.peer;
    if (!fromPeer) return;
    this.deliveredSent = upTo;
    const reports = this.run.reportsOf(this.me);
    reports.deliveredSent = Math.max(reports.deliveredSent, upTo);
    this.run.track(
      (async () => {
        const res = await emitAck(socket, "message:delivered", { conversationId: this.conversation, seq: upTo });
        this.run.log(`${this.name} message:delivered up to ${upTo}: ${res.ok ? fmtReceipt(res.data) : JSON.stringify(res)}`);
        if (res.ok) {
          this.deliveredAcked = Math.max(this.deliveredAcked, upTo);
          reports.deliveredAcked = Math.max(reports.deliveredAcked, upTo);
          this.checkOwnReceipt(res.data, "message:delivered", upTo);
          this.applyReceipt(res.data, "ack");
        } else {
          this.deliveredSent = this.deliveredAcked; // reported again after the next sync
          if (res.transport === undefined || socket.connected)
            this.run.violation(`${this.name}: message:delivered failed: ${JSON.stringify(res)}`);
        }
      })(),
    );
  }

  /** conversation:read up to the highest seq from the peer this device holds. */
  read() {
    const socket = this.socket;
    if (!socket?.connected) return;
    const seq = Math.max(0, ...[...this.held.values()].filter((m) => m.senderId === this.peer).map((m) => m.seq));
    if (seq === 0) return;
    const reports = this.run.reportsOf(this.me);
    reports.readSent = Math.max(reports.readSent, seq);
    this.run.track(
      (async () => {
        const res = await emitAck(socket, "conversation:read", { conversationId: this.conversation, seq });
        this.run.log(`${this.name} conversation:read up to ${seq}: ${res.ok ? fmtReceipt(res.data) : JSON.stringify(res)}`);
        if (res.ok) {
          reports.readAcked = Math.max(reports.readAcked, seq);
          this.checkOwnReceipt(res.data, "conversation:read", seq);
          this.applyReceipt(res.data, "ack");
        } else if (res.transport === undefined || socket.connected) {
          this.run.violation(`${this.name}: conversation:read failed: ${JSON.stringify(res)}`);
        }
      })(),
    );
  }

  private checkOwnReceipt(r: ReceiptState, event: string, seq: number) {
    const level = event === "conversation:read" ? r.readSeq : r.deliveredSeq;
    if (r.userId !== this.me || r.conversationId !== this.conversation || level < seq)
      this.run.violation(`${this.name}: ${event} up to ${seq} acked with ${fmtReceipt(r)}`);
  }

  applyReceipt(r: ReceiptState, source: "push" | "sync" | "ack") {
    if (r.conversationId !== this.conversation) return this.run.violation(`${this.name}: ${source} receipt of another conversation`);
    if (r.readSeq > r.deliveredSeq) this.run.violation(`${this.name}: ${source} receipt read past delivered: ${fmtReceipt(r)}`);
    const old = this.receipts.get(r.userId);
    if (source === "sync" && old && (old.deliveredSeq > r.deliveredSeq || old.readSeq > r.readSeq)) this.run.stats.staleSummaries++;
    this.receipts.set(r.userId, {
      ...r,
      deliveredSeq: Math.max(old?.deliveredSeq ?? 0, r.deliveredSeq),
      readSeq: Math.max(old?.readSeq ?? 0, r.readSeq),
    });
    this.naiveReceipts.set(r.userId, r);
    this.recordTicks();
  }

  private checkSummary(c: ConversationSummary) {
    if (c.kind !== "direct" || c.peer.id !== this.peer || c.receipts.length !== 2 || !c.receipts.some((r) => r.userId === this.me))
      this.run.violation(`${this.name}: odd conversation summary ${JSON.stringify(c)}`);
  }

  /** The tick of every message of my user, as this device would draw it now. */
  recordTicks() {
    const ids = new Set([...this.seqOf.keys(), ...this.outbox.map((o) => o.id)]);
    for (const id of ids) {
      const seq = this.seqOf.get(id) ?? null;
      append(this.ticks, id, messageStatus(seq, this.me, [...this.receipts.values()]));
      append(this.naiveTicks, id, messageStatus(seq, this.me, [...this.naiveReceipts.values()]));
    }
  }

  statusOf(clientId: string): MessageStatus {
    return messageStatus(this.seqOf.get(clientId) ?? null, this.me, [...this.receipts.values()]);
  }
}

function append(log: Map<string, MessageStatus[]>, id: string, status: MessageStatus) {
  const list = log.get(id) ?? [];
  if (list.at(-1) !== status) list.push(status);
  log.set(id, list);
}

/** "A" and "B" for the current run's users, so traces read as the program does. */
const userNames = new Map<string, string>();
const fmtReceipt = (r: ReceiptState) =>
  `{${userNames.get(r.userId) ?? r.userId.slice(0, 8)}: delivered ${r.deliveredSeq} read ${r.readSeq}}`;
const fmtMessage = (m: ChatMessage) =>
  `{seq ${m.seq} from ${userNames.get(m.senderId) ?? m.senderId.slice(0, 8)} id ${m.id.slice(0, 8)} client ${m.clientId.slice(0, 8)} ${JSON.stringify(m.text)}}`;
const isNonDecreasing = (ticks: MessageStatus[]) => ticks.every((t, i) => i === 0 || RANK[t] >= RANK[ticks[i - 1]]);

// ---------------------------------------------------------------------------------------------------
// One run: fresh users, the program, the final sync, the checks

/** Fresh users for one run: A and B, a second token (device) each, and their direct conversation. */
async function freshPair(base: string, n: number) {
  // TRUST_PROXY is on: every pair signs up from its own address, clear of the 30-a-minute sign-up limit.
  const fromIp = { "x-forwarded-for": `10.77.${Math.floor(n / 250) % 250}.${(n % 250) + 1}` };
  const [a, b] = await Promise.all([createUser(base, "Ana", fromIp), createUser(base, "Ben", fromIp)]);
  const [a1, b1] = await Promise.all([signInDevice(base, a, fromIp), signInDevice(base, b, fromIp)]);
  const opened = await request<ConversationSummary>(base, "POST", "/api/v1/conversations", { token: a.token, json: { userId: b.userId } });
  if (opened.status !== 200) throw new Error(`open conversation: ${opened.status} ${JSON.stringify(opened.body)}`);
  return { a, b, a1, b1, conversationId: opened.body.id };
}

let pairsMade = 0;

async function runScenario(base: string, scenario: Scenario, stats: Stats): Promise<void> {
  let t = Date.now();
  const lap = (key: keyof Stats["ms"]) => {
    stats.ms[key] += Date.now() - t;
    t = Date.now();
  };
  const { a, b, a1, b1, conversationId } = await freshPair(base, ++pairsMade);
  lap("users");

  userNames.clear();
  userNames.set(a.userId, "A").set(b.userId, "B");
  const run = new Run(base, conversationId, scenario.pageSize, stats);
  const tokens: Record<DeviceName, [string, string, string]> = {
    A0: [a.userId, b.userId, a.token],
    A1: [a.userId, b.userId, a1],
    B0: [b.userId, a.userId, b.token],
    B1: [b.userId, a.userId, b1],
  };
  run.devices = DEVICES.map((name) => new Device(run, name, ...tokens[name]));
  const device = (name: DeviceName) => run.devices[DEVICES.indexOf(name)];
  try {
    await Promise.all(run.devices.filter((d) => scenario.online[d.name]).map((d) => d.connect()));
    lap("setup");

    for (const [i, command] of scenario.commands.entries()) {
      run.step = `${i + 1}. ${formatCommand(command)}`;
      run.log("run");
      if (command.op === "pause") {
        await new Promise((r) => setTimeout(r, command.ms));
        continue;
      }
      const d = device(command.device);
      if (command.op === "send") d.send(command.text);
      else if (command.op === "retry") d.retry(command.via);
      else if (command.op === "read") d.read();
      else if (command.op === "disconnect" && d.connected) d.disconnect();
      else if (command.op === "reconnect" && !d.connected) await d.connect();
    }

    // Bring everyone back: reconnect, sync, flush the outbox; again until every outbox is empty.
    run.step = "final sync";
    await run.settle();
    lap("program");
    for (let round = 0; round < 5 && run.devices.some((d) => d.outbox.length > 0 || !d.connected); round++) {
      for (const d of run.devices) {
        if (!d.connected) await d.connect();
        else {
          await d.sync();
          d.flush();
        }
      }
      await run.settle();
    }
    // Idle: every device caught up with the server, every report answered. Then one last sync each, so
    // every device has the final watermarks, and the same again until nothing moves.
    const fetchSummary = async () =>
      (await request<ConversationSummary>(base, "GET", `/api/v1/conversations/${run.conversationId}`, { token: a.token })).body;
    const deadline = Date.now() + 10_000;
    let server = await fetchSummary();
    for (;;) {
      await run.settle();
      for (const d of run.devices) await d.sync();
      await run.settle();
      const now = await fetchSummary();
      const same = JSON.stringify(now) === JSON.stringify(server);
      server = now;
      if (same && run.devices.every((d) => d.cursor === server.lastSeq && d.outbox.length === 0) && run.pending.size === 0) break;
      if (Date.now() > deadline) {
        run.violation(
          `not idle after 10 s: server lastSeq ${server.lastSeq}, ${run.devices.map((d) => `${d.name} cursor ${d.cursor} outbox ${d.outbox.length}`).join(", ")}`,
        );
        break;
      }
    }

    run.step = "checks";
    await check(run, server, a.token, b.token);
    lap("final");
  } finally {
    for (const d of run.devices) d.socket?.disconnect();
  }

  stats.runs++;
  stats.messages += run.sent.size;
  for (const d of run.devices) {
    for (const ticks of d.naiveTicks.values()) if (!isNonDecreasing(ticks)) stats.naiveRegressions++;
  }
  if (run.violations.length) {
    throw new Error(
      [
        `${run.violations.length} invariant violation(s):`,
        ...run.violations.slice(0, 25).map((v) => `  - ${v}`),
        "program:",
        formatScenario(scenario),
        "trace (last 80 lines):",
        ...run.trace.slice(-80).map((t) => `  ${t}`),
      ].join("\n"),
    );
  }
}

async function check(run: Run, server: ConversationSummary, tokenA: string, tokenB: string) {
  const { base, conversationId } = run;
  const { messages: history, pages } = await fullHistory(base, tokenA, conversationId, run.pageSize + 2);
  const seqs = history.map((m) => m.seq);

  // No duplicate: seqs 1..N, one message per client id, and N is the server's lastSeq.
  if (seqs.some((s, i) => s !== i + 1)) run.violation(`history seqs are not 1..N: [${seqs}]`);
  if (history.length !== server.lastSeq) run.violation(`history has ${history.length} messages, lastSeq is ${server.lastSeq}`);
  for (const page of pages) {
    const first = page.messages[0]?.seq ?? 1;
    if (page.hasMore !== first > 1) run.violation(`a history page starting at seq ${first} said hasMore ${page.hasMore}`);
  }
  const byClient = new Map<string, ChatMessage[]>();
  for (const m of history) byClient.set(`${m.senderId}/${m.clientId}`, [...(byClient.get(`${m.senderId}/${m.clientId}`) ?? []), m]);
  for (const [key, copies] of byClient)
    if (copies.length > 1) run.violation(`client id ${key} stored ${copies.length} times: ${copies.map(fmtMessage)}`);

  // No loss: every generated message was stored exactly once, as sent; every ack matches the stored one.
  const stored = new Map(history.map((m) => [m.clientId, m]));
  for (const [clientId, sent] of run.sent) {
    const m = stored.get(clientId);
    if (!m) run.violation(`${sent.device}'s ${JSON.stringify(sent.text)} (${clientId}) was never stored`);
    else if (m.senderId !== sent.senderId || m.text !== sent.text)
      run.violation(`${sent.device}'s ${JSON.stringify(sent.text)} stored as ${fmtMessage(m)}`);
    for (const ack of run.acks.get(clientId) ?? []) {
      if (m && (ack.id !== m.id || ack.seq !== m.seq))
        run.violation(`ack ${JSON.stringify(ack)} for ${clientId} but stored ${fmtMessage(m)}`);
    }
  }
  for (const m of history) if (!run.sent.has(m.clientId)) run.violation(`stored but never sent: ${fmtMessage(m)}`);

  // Every device holds exactly the server's seq -> message map, with nothing left to send.
  const expected = JSON.stringify(history.map((m) => [m.seq, m.id]));
  for (const d of run.devices) {
    const held = JSON.stringify([...d.held.values()].sort((x, y) => x.seq - y.seq).map((m) => [m.seq, m.id]));
    if (held !== expected) {
      const missing = history.filter((m) => d.held.get(m.seq)?.id !== m.id).map(fmtMessage);
      run.violation(`${d.name} holds a different conversation; missing or different: ${missing.join(", ") || "none"}; extra: ${held}`);
    }
    if (d.outbox.length) run.violation(`${d.name} still has ${d.outbox.length} unacked sends`);
  }

  // Ticks: never backwards on any device, and in the end exactly what the server's watermarks say.
  for (const d of run.devices) {
    for (const [clientId, ticks] of d.ticks) {
      if (!isNonDecreasing(ticks))
        run.violation(`${d.name} ticks of ${JSON.stringify(run.sent.get(clientId)?.text)} went backwards: ${ticks.join(" -> ")}`);
    }
    for (const m of history.filter((h) => h.senderId === d.me)) {
      const shown = d.statusOf(m.clientId);
      const truth = messageStatus(m.seq, m.senderId, server.receipts);
      if (shown !== truth) run.violation(`${d.name} shows ${shown} for ${fmtMessage(m)}, the server's receipts say ${truth}`);
      if (RANK[truth] < RANK.Delivered)
        run.violation(`${fmtMessage(m)} is ${truth} after every device synced: its delivery was never recorded`);
    }
    for (const r of server.receipts) {
      const mine = d.receipts.get(r.userId);
      if (mine?.deliveredSeq !== r.deliveredSeq || mine?.readSeq !== r.readSeq)
        run.violation(`${d.name} ended with ${mine ? fmtReceipt(mine) : "no receipt"}, the server has ${fmtReceipt(r)}`);
    }
  }

  // Watermarks are exactly what was reported: at least every acked report, at most every sent one.
  for (const r of server.receipts) {
    const rep = run.reportsOf(r.userId);
    if (r.readSeq < rep.readAcked || r.readSeq > rep.readSent)
      run.violation(`read watermark ${fmtReceipt(r)} outside the reports ${JSON.stringify(rep)}`);
    const lo = Math.max(rep.deliveredAcked, rep.readAcked);
    const hi = Math.max(rep.deliveredSent, rep.readSent);
    if (r.deliveredSeq < lo || r.deliveredSeq > hi)
      run.violation(`delivered watermark ${fmtReceipt(r)} outside the reports ${JSON.stringify(rep)}`);
  }

  // Each user's view over REST: nothing undelivered, and the unread count from their read watermark.
  for (const [token, user] of [
    [tokenA, run.devices[0].me],
    [tokenB, run.devices[2].me],
  ]) {
    const unread = await request(base, "GET", "/api/v1/messages/unread", { token });
    if (unread.status !== 200 || unread.body.messages.length !== 0)
      run.violation(`GET /messages/unread for ${userNames.get(user)}: ${unread.status} ${JSON.stringify(unread.body)}`);
    const summary = (await request<ConversationSummary>(base, "GET", `/api/v1/conversations/${conversationId}`, { token })).body;
    const readSeq = server.receipts.find((r) => r.userId === user)?.readSeq ?? 0;
    const count = history.filter((m) => m.senderId !== user && m.seq > readSeq).length;
    if (summary.unreadCount !== count) run.violation(`unreadCount for ${userNames.get(user)} is ${summary.unreadCount}, expected ${count}`);
  }

  // Informational: did pipelined socket sends of one device keep their order? (The web app sends one at a time.)
  for (const d of run.devices) {
    const mine = [...run.sent].filter(([, s]) => s.device === d.name && !s.viaRest).map(([id]) => stored.get(id)?.seq ?? 0);
    if (mine.some((s, i) => i > 0 && s < mine[i - 1])) run.stats.pipelinedReorders++;
  }
}

// ---------------------------------------------------------------------------------------------------

describe.each(testDatabases)("messaging properties on $name", (database) => {
  let server: RunningServer;
  const stats: Stats = {
    runs: 0,
    messages: 0,
    duplicateAcks: 0,
    staleSummaries: 0,
    naiveRegressions: 0,
    pipelinedReorders: 0,
    ms: { users: 0, setup: 0, program: 0, final: 0 },
  };

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: database.url(), TRUST_PROXY: "true" });
  });
  afterAll(async () => {
    await server?.stop();
    console.info(`messaging properties on ${database.name}: ${JSON.stringify(stats)}`);
  });

  it("never loses, duplicates or reorders a message, and ticks never go backwards", { timeout: 120_000 }, async () => {
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(scenarioArb, (scenario) => runScenario(server.url, scenario, stats)),
      {
        numRuns: Number(process.env.FC_RUNS ?? 25),
        seed,
        path: process.env.FC_PATH,
        // Shrinking re-runs the program against the live server; stop it in time to report something.
        interruptAfterTimeLimit: 90_000,
        markInterruptAsFailure: false,
      },
    );
    expect(stats.runs).toBeGreaterThan(0);
  });
});
