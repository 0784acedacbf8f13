// The messaging property test's model: what each simulated device knows, and what a whole run observed.
import { randomUUID } from "node:crypto";
import {
  type ChatMessage,
  type ConversationSummary,
  type MessageStatus,
  messageStatus,
  type ReceiptState,
  type ReceiptUpdate,
  type SendMessage,
  type Watermarks,
} from "../../lib/contracts/messaging";
import { connect, connected, request, type TestSocket } from "../helpers/client";
import { emitAck, historyPage } from "../helpers/messaging-client";

import type { DeviceName } from "./messaging-program";
// ---------------------------------------------------------------------------------------------------
// The model: what each device knows, and what the whole run observed

export const RANK: Record<MessageStatus, number> = { pending: 0, sent: 1, delivered: 2, read: 3 };

export interface SentRecord {
  device: DeviceName;
  senderId: string;
  text: string;
  /** Ever sent over REST (its order relative to socket sends is then up to the test, not the server). */
  viaRest: boolean;
}

export interface Stats {
  runs: number;
  messages: number;
  duplicateAcks: number;
  staleSummaries: number;
  naiveRegressions: number;
  pipelinedReorders: number;
  /** Milliseconds spent making users, connecting, running programs, and bringing devices back + checking. */
  ms: { users: number; setup: number; program: number; final: number };
}

export class Run {
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

export class Device {
  socket: TestSocket | null = null;
  /** Highest seq held with everything below it; undefined until the first sync (the conversation is unknown). */
  cursor: number | undefined;
  readonly held = new Map<number, ChatMessage>();
  /** Unacked sends, in creation order. */
  outbox: { id: string; text: string }[] = [];
  lastSend: { id: string; text: string } | null = null;
  /** Seq of each of my user's messages, from acks, pushes and syncs. */
  readonly seqOf = new Map<string, number>();
  /**
   * The conversation's ticks (every member's lowest watermarks) and my user's own watermarks, merged with
   * max as a client must (a sync summary can be older than a push). Only what the server said: pushes,
   * summaries and report acks (not inferred from my user's own sends).
   */
  ticks: Watermarks = { ...NONE };
  mine: Watermarks = { ...NONE };
  /** The same, replaced by whatever arrived last: only for the stats. */
  naiveTicks: Watermarks = { ...NONE };
  naiveMine: Watermarks = { ...NONE };
  /** Per message of my user: the ticks this device showed, in order (from `ticks`, and from `naiveTicks`). */
  readonly shown = new Map<string, MessageStatus[]>();
  readonly naiveShown = new Map<string, MessageStatus[]>();
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
    let lastTicks: Watermarks | null = null;
    let lastMine: Watermarks | null = null;
    socket.on("message:created", (m) => {
      this.run.log(`${this.name} got message:created ${fmtMessage(m)}`);
      this.receive([m], "push");
    });
    socket.on("receipt:updated", (u) => {
      if (u.conversationId !== this.conversation) return this.run.violation(`${this.name}: receipt:updated of another conversation`);
      // Pushed ticks and pushed `mine`, in the order one socket receives them, only ever move forward, and
      // every push moves something: the ticks, or (to my user's devices, after their report) `mine`.
      if (lastTicks && below(u.ticks, lastTicks))
        this.run.violation(`${this.name}: receipt:updated ticks went backwards: ${fmtWatermarks(lastTicks)} then ${fmtUpdate(u)}`);
      if (u.mine && lastMine && below(u.mine, lastMine))
        this.run.violation(`${this.name}: receipt:updated mine went backwards: ${fmtWatermarks(lastMine)} then ${fmtUpdate(u)}`);
      const newMine = u.mine !== undefined && !(lastMine && sameWatermarks(u.mine, lastMine));
      if (lastTicks && sameWatermarks(u.ticks, lastTicks) && !newMine)
        this.run.violation(`${this.name}: receipt:updated that changed nothing: ${fmtUpdate(u)}`);
      // Both come from the same transaction, and the ticks are the lowest watermarks, mine included.
      if (u.mine && below(u.mine, u.ticks)) this.run.violation(`${this.name}: receipt:updated with ticks above mine: ${fmtUpdate(u)}`);
      lastTicks = u.ticks;
      if (u.mine) lastMine = u.mine;
      this.run.log(`${this.name} got receipt:updated ${fmtUpdate(u)}`);
      this.applyWatermarks(u, "push");
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
        `${this.name} sync from ${from ?? "unknown"}: seqs [${messages.map((m) => m.seq)}] hasMore ${hasMore}, ticks ${fmtWatermarks(conversation.ticks)}, mine ${fmtWatermarks(conversation.mine)}`,
      );
      if (messages.length > this.run.pageSize)
        this.run.violation(`${this.name}: a sync page of ${messages.length} > limit ${this.run.pageSize}`);
      if (known && messages.some((m, i) => m.seq !== from + 1 + i))
        this.run.violation(`${this.name}: sync after ${from} returned seqs [${messages.map((m) => m.seq)}]`);
      this.applyWatermarks(conversation, "sync");
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
          this.applyWatermarks({ mine: res.data }, "ack");
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
          this.applyWatermarks({ mine: res.data }, "ack");
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

  /** Ticks and/or my user's watermarks from a push, a sync summary or a report's ack (`mine` only). */
  applyWatermarks(w: { ticks?: Watermarks; mine?: Watermarks }, source: "push" | "sync" | "ack") {
    for (const [what, marks] of [
      ["ticks", w.ticks],
      ["mine", w.mine],
    ] as const) {
      if (marks && marks.readSeq > marks.deliveredSeq)
        this.run.violation(`${this.name}: ${source} ${what} read past delivered: ${fmtWatermarks(marks)}`);
    }
    if (source === "sync" && ((w.ticks && below(w.ticks, this.ticks)) || (w.mine && below(w.mine, this.mine))))
      this.run.stats.staleSummaries++;
    if (w.ticks) {
      this.ticks = maxWatermarks(this.ticks, w.ticks);
      this.naiveTicks = { deliveredSeq: w.ticks.deliveredSeq, readSeq: w.ticks.readSeq };
    }
    if (w.mine) {
      this.mine = maxWatermarks(this.mine, w.mine);
      this.naiveMine = { deliveredSeq: w.mine.deliveredSeq, readSeq: w.mine.readSeq };
    }
    this.recordTicks();
  }

  private checkSummary(c: ConversationSummary) {
    if (c.kind !== "direct" || c.peer?.id !== this.peer || c.group !== null || !isWatermarks(c.ticks) || !isWatermarks(c.mine))
      this.run.violation(`${this.name}: odd conversation summary ${JSON.stringify(c)}`);
  }

  /** The tick of every message of my user, as this device would draw it now. */
  recordTicks() {
    const ids = new Set([...this.seqOf.keys(), ...this.outbox.map((o) => o.id)]);
    for (const id of ids) {
      const seq = this.seqOf.get(id) ?? null;
      append(this.shown, id, messageStatus(seq, { ticks: this.ticks, group: null }));
      append(this.naiveShown, id, messageStatus(seq, { ticks: this.naiveTicks, group: null }));
    }
  }

  statusOf(clientId: string): MessageStatus {
    return messageStatus(this.seqOf.get(clientId) ?? null, { ticks: this.ticks, group: null });
  }
}

export function append(log: Map<string, MessageStatus[]>, id: string, status: MessageStatus) {
  const list = log.get(id) ?? [];
  if (list.at(-1) !== status) list.push(status);
  log.set(id, list);
}

const NONE: Watermarks = { deliveredSeq: 0, readSeq: 0 };
export const maxWatermarks = (a: Watermarks, b: Watermarks): Watermarks => ({
  deliveredSeq: Math.max(a.deliveredSeq, b.deliveredSeq),
  readSeq: Math.max(a.readSeq, b.readSeq),
});
export const minWatermarks = (a: Watermarks, b: Watermarks): Watermarks => ({
  deliveredSeq: Math.min(a.deliveredSeq, b.deliveredSeq),
  readSeq: Math.min(a.readSeq, b.readSeq),
});
export const sameWatermarks = (a: Watermarks, b: Watermarks) => a.deliveredSeq === b.deliveredSeq && a.readSeq === b.readSeq;
/** Either watermark of `a` is behind `b`'s. */
export const below = (a: Watermarks, b: Watermarks) => a.deliveredSeq < b.deliveredSeq || a.readSeq < b.readSeq;
const isWatermarks = (w: unknown): w is Watermarks =>
  typeof w === "object" &&
  w !== null &&
  Number.isInteger((w as Watermarks).deliveredSeq) &&
  Number.isInteger((w as Watermarks).readSeq) &&
  (w as Watermarks).readSeq >= 0;

/** "A" and "B" for the current run's users, so traces read as the program does. */
export const userNames = new Map<string, string>();
export const fmtReceipt = (r: ReceiptState) =>
  `{${userNames.get(r.userId) ?? r.userId.slice(0, 8)}: delivered ${r.deliveredSeq} read ${r.readSeq}}`;
export const fmtWatermarks = (w: Watermarks) => `{delivered ${w.deliveredSeq} read ${w.readSeq}}`;
export const fmtUpdate = (u: ReceiptUpdate) => `{ticks ${fmtWatermarks(u.ticks)}${u.mine ? ` mine ${fmtWatermarks(u.mine)}` : ""}}`;
export const fmtMessage = (m: ChatMessage) =>
  `{seq ${m.seq} from ${userNames.get(m.senderId) ?? m.senderId.slice(0, 8)} id ${m.id.slice(0, 8)} client ${m.clientId.slice(0, 8)} ${JSON.stringify(m.text)}}`;
export const isNonDecreasing = (ticks: MessageStatus[]) => ticks.every((t, i) => i === 0 || RANK[t] >= RANK[ticks[i - 1]]);
