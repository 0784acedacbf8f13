// Messages, receipts and sync: the hot path, on the database driver directly (see docs/architecture.md:
// Prisma's per-query cost would cap throughput). Writes go through one group-commit queue; the tables
// themselves are defined in prisma/schema.prisma.
import { v7 as uuidv7 } from "uuid";
import {
  type ChatMessage,
  isFileType,
  type MessageFile,
  type MessageFlagState,
  type MessageType,
  quoteOf,
  type ReceiptState,
  type SharedContact,
  type SharedLocation,
  type Watermarks,
} from "../../lib/contracts/messaging";
import type { StatusQuote } from "../../lib/contracts/status";
import { AppError } from "../errors";
import { type Driver, fromDbTime, inJson, json, jsonRows, orFail, toDbTime, truthy } from "./driver";
import { GroupCommit } from "./group-commit";
import { blocksAmong } from "./privacy-sql";

export interface AppendInput {
  conversationId: string;
  senderId: string;
  clientId: string;
  text: string;
  /** System messages (group events) skip the sender checks; the group operation already made them. */
  type?: MessageType;
  /** What a file, location or contact message carries (the service checked the sender may send it). */
  file?: MessageFile;
  location?: SharedLocation;
  contact?: SharedContact;
  /** A reply to a status: the quote of it (the service checked the sender may see it, and writes to its poster). */
  status?: StatusQuote;
  /** Lower-cased usernames @mentioned in the text; those who are current members (not the sender) are recorded. */
  mentions?: string[];
  /** The seq of the message it replies to: one the sender may see, in the same conversation (else 404). */
  replyTo?: number;
  /** A forwarded copy: how many times its content has now been forwarded. */
  forwards?: number;
}
export interface AppendResult {
  message: ChatMessage;
  duplicate: boolean;
  /** Who gets it: the conversation's current members, read in the same transaction as the insert. */
  memberIds: string[];
  /** The conversation's ticks, when sending (which moves the sender's own watermarks) moved them. */
  ticksMoved?: Watermarks;
  /** This send was the sender's consent to the direct chat (ConversationMember.accepted): the other member is now their contact. */
  consented?: boolean;
  /** It went into a message request the other person hasn't accepted (a direct chat with a stranger). */
  request?: boolean;
}
export interface Membership {
  role: "admin" | "member";
  /** The member's own chat settings (see ConversationSummary). */
  pinnedAt?: string | null;
  archived?: boolean;
  mutedUntil?: string | null;
  flagSeq?: number;
  /** A message request to this member they haven't accepted (direct chats). */
  request?: boolean;
  /** The member chose this chat: started it, accepted it or sent in it (direct chats; see ConversationMember.accepted). */
  accepted?: boolean;
  joinedSeq: number;
  /** Set once the member left or was removed: they see messages up to here only. */
  leftSeq: number | null;
}
export interface ReceiptInput {
  conversationId: string;
  userId: string;
  kind: "delivered" | "read";
  seq: number;
}
export interface ReceiptResult {
  receipt: ReceiptState;
  changed: boolean;
  /** The lowest watermarks among current members, after the change. */
  ticks: Watermarks;
  ticksMoved: boolean;
}
/** What a conversation's summary needs from one member's row and the rows around it (ticks apart: see ticksOf). */
export interface SummaryRow {
  membership: Membership;
  conversation: ConversationRow;
  /** The newest message inside the member's window. */
  lastMessage: ChatMessage | null;
  unread: { count: number; mentions: number };
  mine: Watermarks;
  /** Current members. */
  memberCount: number;
  /** The first other member by id (in a direct chat, the other person). */
  otherId: string | null;
}
export interface ConversationRow {
  id: string;
  kind: string;
  lastSeq: number;
  lastMessageAt: string | null;
  createdAt: string;
  name: string | null;
  description: string;
  onlyAdminsSend: boolean;
  onlyAdminsEdit: boolean;
  inviteCode: string | null;
  avatarKey: string | null;
  changeSeq: number;
  pinnedSeqs: number[];
  disappearAfter: number | null;
}

/** The seqs a member may see: after `from` (when they joined) up to `to` (when they left, or SEQ_MAX). */
export interface SeqWindow {
  from: number;
  to: number;
}
const ALL: SeqWindow = { from: 0, to: 2_147_483_647 };

/** In SQL about a member `m`: the newest seq they may see (up to when they left), and whether `seq` is unread by them. */
const upToLeft = `COALESCE(m."leftSeq", ${ALL.to})`;
export const unreadBy = (seq: string) => `${seq} > m."readSeq" AND ${seq} <= ${upToLeft}`;

type WriteOp =
  | { type: "append"; input: AppendInput }
  | { type: "receipt"; input: ReceiptInput }
  | { type: "custom"; run: (tx: Driver) => Promise<unknown> };
type WriteResult = unknown;

const BASE_COLUMNS = `"id", "clientId", "conversationId", "seq", "senderId", "type", "text", "createdAt", "attachment"`;
/** What a read returns: the columns a send writes and those later changes write. */
export const MESSAGE_COLUMNS = `${BASE_COLUMNS}, "replyToSeq", "forwards", "editedAt", "reactions", "changedSeq", "expiresAt"`;
/** What an insert writes: what a send sets, with the file id (indexed, for download checks). */
const INSERT_COLUMNS = `${BASE_COLUMNS}, "replyToSeq", "forwards", "expiresAt", "fileId"`;

const RECEIPT_COLUMNS = `"conversationId", "userId", "deliveredSeq", "readSeq", "deliveredAt", "readAt"`;

const CONVERSATION_COLUMNS = `"id", "kind", "lastSeq", "lastMessageAt", "createdAt", "name", "description", "onlyAdminsSend", "onlyAdminsEdit", "inviteCode", "avatarKey", "changeSeq", "pinnedSeqs", "disappearAfter"`;

/** In SQL: the message `alias` is not one `userId` (the next parameter) deleted for themselves. */
export const notHidden = (alias: string, userColumn = "?") =>
  `NOT EXISTS (SELECT 1 FROM "MessageFlag" f WHERE f."userId" = ${userColumn} AND f."conversationId" = ${alias}."conversationId" AND f."seq" = ${alias}."seq" AND f."hidden")`;

export const toMessage = (r: Record<string, unknown>): ChatMessage => {
  const type = r.type as MessageType;
  const message: ChatMessage = {
    id: r.id as string,
    clientId: r.clientId as string,
    conversationId: r.conversationId as string,
    seq: Number(r.seq),
    senderId: r.senderId as string,
    type,
    text: r.text as string,
    createdAt: fromDbTime(r.createdAt) as string,
  };
  // Filled in by withQuotes; until then the quote only knows where it points.
  if (r.replyToSeq != null) message.replyTo = { seq: Number(r.replyToSeq), senderId: null, type: null, text: "" };
  if (Number(r.forwards ?? 0) > 0) message.forwards = Number(r.forwards);
  if (r.editedAt != null) message.editedAt = fromDbTime(r.editedAt) as string;
  if (r.reactions != null) message.reactions = JSON.parse(r.reactions as string);
  if (Number(r.changedSeq ?? 0) > 0) message.changedSeq = Number(r.changedSeq);
  if (r.expiresAt != null) message.expiresAt = fromDbTime(r.expiresAt) as string;
  if (r.attachment == null) return message;
  const attachment = JSON.parse(r.attachment as string);
  if (isFileType(type)) message.file = attachment;
  else if (type === "location") message.location = attachment;
  else if (type === "contact") message.contact = attachment;
  else if (type === "text") message.status = attachment;
  return message;
};

/** The attachment column of a message: its file, location, contact or the status it replies to as JSON (null for other text). */
const attachmentOf = (m: Pick<ChatMessage, "file" | "location" | "contact" | "status">) => {
  const attachment = m.file ?? m.location ?? m.contact ?? m.status;
  return attachment ? JSON.stringify(attachment) : null;
};

export const toMembership = (r: Record<string, unknown>): Membership => ({
  role: r.role === "admin" ? "admin" : "member",
  joinedSeq: Number(r.joinedSeq),
  leftSeq: r.leftSeq == null ? null : Number(r.leftSeq),
  pinnedAt: fromDbTime(r.pinnedAt),
  archived: truthy(r.archived),
  mutedUntil: fromDbTime(r.mutedUntil),
  flagSeq: Number(r.flagSeq ?? 0),
  request: truthy(r.request),
  accepted: truthy(r.accepted),
});

const toConversation = (r: Record<string, unknown>): ConversationRow => ({
  id: r.id as string,
  kind: r.kind as string,
  lastSeq: Number(r.lastSeq),
  lastMessageAt: fromDbTime(r.lastMessageAt),
  createdAt: fromDbTime(r.createdAt) as string,
  name: (r.name as string | null) ?? null,
  description: (r.description as string) ?? "",
  onlyAdminsSend: truthy(r.onlyAdminsSend),
  onlyAdminsEdit: truthy(r.onlyAdminsEdit),
  inviteCode: (r.inviteCode as string | null) ?? null,
  avatarKey: (r.avatarKey as string | null) ?? null,
  changeSeq: Number(r.changeSeq ?? 0),
  pinnedSeqs: JSON.parse((r.pinnedSeqs as string | null) ?? "[]"),
  disappearAfter: r.disappearAfter == null ? null : Number(r.disappearAfter),
});

const toReceipt = (r: Record<string, unknown>): ReceiptState => ({
  conversationId: r.conversationId as string,
  userId: r.userId as string,
  deliveredSeq: Number(r.deliveredSeq),
  readSeq: Number(r.readSeq),
  deliveredAt: fromDbTime(r.deliveredAt),
  readAt: fromDbTime(r.readAt),
});

export class MessageStore {
  private readonly writes: GroupCommit<WriteOp, WriteResult>;
  private readonly members = new Map<string, string[]>();
  private generation = 0;

  constructor(
    /** Reads outside the write queue (committed data only). */
    readonly reader: Driver,
    private readonly now: () => Date = () => new Date(),
    /** Runs after each write commit with the number of sends in it, before its callers hear of it (fault tests crash here). */
    afterCommit: (sends: number) => void = () => {},
  ) {
    this.writes = new GroupCommit(async (ops) => {
      const results = await reader.transaction(async (tx) => {
        const results: WriteResult[] = new Array(ops.length);
        const receipts: number[] = [];
        // In order, except that the sends between two group changes are written together.
        let sends: number[] = [];
        const flush = async () => {
          const out = await this.appendsIn(
            tx,
            sends.map((i) => (ops[i] as Extract<WriteOp, { type: "append" }>).input),
          );
          for (const [k, i] of sends.entries()) results[i] = out[k];
          sends = [];
        };
        for (const [i, op] of ops.entries()) {
          if (op.type === "receipt") receipts.push(i);
          else if (op.type === "append") sends.push(i);
          else {
            if (sends.length) await flush();
            results[i] = await op.run(tx);
          }
        }
        if (sends.length) await flush();
        // Receipts go last, all together. A report only covers messages its device already had, all
        // committed before it was made, so the sends in this batch can't change what it means.
        if (receipts.length) {
          const out = await this.receiptsIn(
            tx,
            receipts.map((i) => (ops[i] as Extract<WriteOp, { type: "receipt" }>).input),
          );
          for (const [k, i] of receipts.entries()) results[i] = out[k];
        }
        return results;
      });
      afterCommit(ops.filter((op) => op.type === "append").length);
      return results;
    });
  }

  /** Stores a message (or finds the one this sender already sent with this client id); resolves after commit. */
  async append(input: AppendInput): Promise<AppendResult> {
    const result = await this.writes.submit({ type: "append", input });
    if (result instanceof AppError) throw result;
    return result as AppendResult;
  }

  /**
   * Runs `run` in the write queue's transaction, serialized with every message and receipt, so group
   * changes and sends are ordered by seq and never interleave. Resolves after commit.
   */
  transact<T>(run: (tx: Driver) => Promise<T>): Promise<T> {
    return this.writes.submit({ type: "custom", run }) as Promise<T>;
  }

  /** Drops cached membership after a group change. */
  forget(conversationId: string): void {
    this.generation++;
    this.members.delete(conversationId);
  }

  /** Moves a member's watermark forward (never back, never past the last message); resolves after commit. */
  advanceReceipt(input: ReceiptInput): Promise<ReceiptResult> {
    return this.writes.submit({ type: "receipt", input }) as Promise<ReceiptResult>;
  }

  /** One message in a running write transaction (a group change's system message); a refused send throws. */
  async appendIn(tx: Driver, input: AppendInput): Promise<AppendResult> {
    const [result] = await this.appendsIn(tx, [input]);
    if (result instanceof AppError) throw result;
    return result;
  }

  /**
   * Appends a run of messages in a write transaction, in the same few statements however many there are
   * (only a retried or refused send costs a query more). Membership and the admins-only rule are checked
   * in the transaction that takes the seqs, so a send racing a removal is either before it (and reaches
   * the removed member) or refused; recipients are read here too. A refused send's result is its error,
   * so its neighbours still go through.
   */
  private async appendsIn(tx: Driver, inputs: AppendInput[]): Promise<(AppendResult | AppError)[]> {
    const at = toDbTime(tx.dialect, this.now());
    const results: (AppendResult | AppError)[] = new Array(inputs.length);
    await lockConversations(tx, inputs);
    // A retry gets the stored original; the same send twice in this run, the first one's result.
    const stored = await tx.all(
      `SELECT ${qualified(MESSAGE_COLUMNS, "m")} FROM ${jsonRows(tx.dialect, "v", [
        ["s", "text"],
        ["k", "text"],
      ])} JOIN "Message" m ON m."senderId" = v."s" AND m."clientId" = v."k"`,
      [json(inputs.map((i) => [i.senderId, i.clientId]))],
    );
    const earlier = new Map(stored.map((row) => [`${row.senderId} ${row.clientId}`, toMessage(row)]));
    const first = new Map<string, number>();
    for (const [i, { senderId, clientId }] of inputs.entries()) {
      const key = `${senderId} ${clientId}`;
      const message = earlier.get(key);
      if (message) results[i] = { message, duplicate: true, memberIds: await activeMemberIds(tx, message.conversationId) };
      else if (!first.has(key)) first.set(key, i);
    }
    const conversations = await sendTargets(tx, [...new Set([...first.values()].map((i) => inputs[i].conversationId))]);
    const quoted = await quotedBy(
      tx,
      [...first.values()].map((i) => inputs[i]),
    );
    const blocks = await blocksAmong(tx, directPairs(conversations));
    const rows: ChatMessage[] = [];
    const senders = new Map<string, [string, string, number, number]>();
    const mentioned: [string, number, string, string][] = [];
    /** [userId, conversationId, seq]: sends to someone who blocked the sender, stored but hidden from them. */
    const shielded: [string, string, number][] = [];
    const accepted: [string, string][] = [];
    for (const i of first.values()) {
      const {
        conversationId,
        senderId,
        clientId,
        text,
        type = "text",
        file,
        location,
        contact,
        status,
        mentions = [],
        replyTo,
        forwards,
      } = inputs[i];
      const conversation = conversations.get(conversationId);
      const refused = conversation ? await refusal(tx, conversation, inputs[i], quoted, blocks) : notFound();
      if (refused) {
        results[i] = refused;
        continue;
      }
      const target = conversation as SendTarget;
      const message: ChatMessage = { id: uuidv7(), clientId, conversationId, seq: ++target.lastSeq, senderId, type, text, createdAt: at };
      if (file) message.file = file;
      if (location) message.location = location;
      if (contact) message.contact = contact;
      if (status) message.status = status;
      if (replyTo !== undefined) message.replyTo = quoteOf(quoted.get(`${conversationId} ${replyTo}`) as ChatMessage);
      if (forwards) message.forwards = forwards;
      if (target.disappearAfter)
        message.expiresAt = toDbTime(tx.dialect, new Date(Date.parse(fromDbTime(at) as string) + target.disappearAfter * 1000));
      rows.push(message);
      let ticksMoved: Watermarks | undefined;
      let consented = false;
      const sender = target.members.find((m) => m.userId === senderId);
      // Someone who blocked the sender never gets the message, and nothing tells the sender: it is stored
      // (and acked) as usual, hidden from the blocker, whose receipts never cover it (one tick).
      const blocker =
        target.kind === "direct" ? target.members.find((m) => m.userId !== senderId && blocks.has(`${m.userId} ${senderId}`)) : undefined;
      if (blocker) shielded.push([blocker.userId, conversationId, message.seq]);
      // Sending in a direct chat is consent: it accepts a message request, and makes the other member a contact.
      if (sender && target.kind === "direct" && !sender.accepted) {
        sender.request = false;
        sender.accepted = true;
        consented = true;
        accepted.push([conversationId, senderId]);
      }
      if (sender) {
        // The sender has seen their own message (and, like replying in WhatsApp, everything before it).
        const before = lowest(target.members) as Watermarks;
        sender.deliveredSeq = Math.max(sender.deliveredSeq, message.seq);
        sender.readSeq = message.seq;
        const after = lowest(target.members) as Watermarks;
        if (!sameWatermarks(before, after)) ticksMoved = after;
        senders.set(`${conversationId} ${senderId}`, [conversationId, senderId, sender.deliveredSeq, sender.readSeq]);
      }
      if (target.kind === "group") for (const name of new Set(mentions)) mentioned.push([conversationId, message.seq, senderId, name]);
      results[i] = {
        message: {
          ...message,
          createdAt: fromDbTime(at) as string,
          ...(message.expiresAt ? { expiresAt: fromDbTime(message.expiresAt) as string } : {}),
        },
        duplicate: false,
        memberIds: target.members.flatMap((m) => (m === blocker ? [] : [m.userId])),
        ticksMoved,
        ...(consented ? { consented } : {}),
        request: target.members.some((m) => m.userId !== senderId && m.request),
      };
    }
    for (const [i, { senderId, clientId }] of inputs.entries()) {
      if (results[i]) continue;
      const original = results[first.get(`${senderId} ${clientId}`) as number];
      results[i] = original instanceof AppError ? original : { ...original, duplicate: true, ticksMoved: undefined };
    }
    if (rows.length) await this.writeSends(tx, at, rows, conversations, [...senders.values()], mentioned);
    if (shielded.length) await hideFrom(tx, shielded);
    if (accepted.length) await acceptRequests(tx, accepted);
    // A retry's stored original gets its quote as it is now.
    await withQuotes(
      tx,
      results.flatMap((r) => (r instanceof AppError || !r.duplicate ? [] : [r.message])),
    );
    return results;
  }

  /** The writes of a run of accepted sends: seqs, messages, senders' watermarks and mentions, one statement each. */
  private async writeSends(
    tx: Driver,
    at: string,
    rows: ChatMessage[],
    conversations: Map<string, SendTarget>,
    senders: [string, string, number, number][],
    mentioned: [string, number, string, string][],
  ): Promise<void> {
    const touched = [...new Set(rows.map((m) => m.conversationId))];
    await tx.run(
      `UPDATE${orFail(tx.dialect)} "Conversation" SET "lastSeq" = v."n", "lastMessageAt" = ? FROM ${jsonRows(tx.dialect, "v", [
        ["c", "text"],
        ["n", "integer"],
      ])} WHERE "id" = v."c"`,
      [at, json(touched.map((id) => [id, (conversations.get(id) as SendTarget).lastSeq]))],
    );
    const columns = INSERT_COLUMNS.split(", ");
    await tx.run(
      `INSERT${orFail(tx.dialect)} INTO "Message" (${INSERT_COLUMNS}) SELECT ${columns.map((c) => `v.${c}`).join(", ")} FROM ${jsonRows(
        tx.dialect,
        "v",
        columns.map((c) => [c.slice(1, -1), INTEGER_COLUMNS.has(c) ? "integer" : TIME_COLUMNS.has(c) ? "timestamp" : "text"]),
      )}`,
      [
        json(
          rows.map((m) => [
            m.id,
            m.clientId,
            m.conversationId,
            m.seq,
            m.senderId,
            m.type,
            m.text,
            m.createdAt,
            attachmentOf(m),
            m.replyTo?.seq ?? null,
            m.forwards ?? 0,
            m.expiresAt ?? null,
            m.file?.fileId ?? null,
          ]),
        ),
      ],
    );
    if (senders.length) await writeWatermarks(tx, at, senders);
    // Mentions of current members (other than the sender) only.
    if (mentioned.length)
      await tx.run(
        `INSERT${orFail(tx.dialect)} INTO "MessageMention" ("userId", "conversationId", "seq") SELECT m."userId", m."conversationId", v."q" FROM ${jsonRows(
          tx.dialect,
          "v",
          [
            ["c", "text"],
            ["q", "integer"],
            ["s", "text"],
            ["n", "text"],
          ],
        )} JOIN "ConversationMember" m ON m."conversationId" = v."c" AND m."leftSeq" IS NULL AND m."userId" <> v."s" JOIN "User" u ON u."id" = m."userId" AND u."usernameKey" = v."n"`,
        [json(mentioned)],
      );
  }

  /**
   * A batch's receipts in three statements, however many there are: one read of the reporters' rows with
   * their conversations' ticks (two index seeks each), the rules applied here in order, one update of the
   * rows that moved, and the ticks again. Every result carries the member's watermarks and the ticks as
   * of the commit; only the last report that moved a member is `changed`, and only the last that moved a
   * conversation says whether its ticks moved, so each is pushed once.
   */
  private async receiptsIn(tx: Driver, inputs: ReceiptInput[]): Promise<ReceiptResult[]> {
    const ids = [...new Set(inputs.map((r) => r.conversationId))];
    const users = [...new Set(inputs.map((r) => r.userId))];
    const rows = await tx.all(
      `SELECT ${qualified(RECEIPT_COLUMNS, "m")}, m."leftSeq", c."lastSeq", m."request", ${BLOCKED_PEER} AS "blocked" FROM "ConversationMember" m JOIN "Conversation" c ON c."id" = m."conversationId" WHERE m."conversationId" ${inJson(tx.dialect)} AND m."userId" ${inJson(tx.dialect)}`,
      [json(ids), json(users)],
    );
    const before = await floorsOf(tx, ids);
    const held = new Map(rows.map((row) => [`${row.conversationId} ${row.userId}`, { row, receipt: toReceipt(row) }]));
    const now = this.now();
    const moved = new Map<string, ReceiptState>();
    const lastMove = new Map<string, number>();
    const lastChange = new Map<string, number>();
    const results = inputs.map(({ conversationId, userId, kind, seq }, i) => {
      const key = `${conversationId} ${userId}`;
      const member = held.get(key);
      if (!member) throw new Error(`${userId} is not a member of ${conversationId}`);
      const old = member.receipt;
      // Never past the last message; read implies delivered; a member who left reports nothing, nor does
      // one who hasn't accepted a message request or is in a direct chat where either blocked the other.
      const upTo = Math.min(seq, Number(member.row.lastSeq));
      const withheld = member.row.leftSeq != null || truthy(member.row.request) || truthy(member.row.blocked);
      if (withheld || (kind === "read" ? old.readSeq : old.deliveredSeq) >= upTo) return { receipt: old, changed: false };
      const receipt = { ...old };
      if (old.deliveredSeq < upTo) Object.assign(receipt, { deliveredSeq: upTo, deliveredAt: now.toISOString() });
      if (kind === "read") Object.assign(receipt, { readSeq: upTo, readAt: now.toISOString() });
      member.receipt = receipt;
      moved.set(key, receipt);
      lastMove.set(conversationId, i);
      lastChange.set(key, i);
      return { receipt, changed: true };
    });
    if (!moved.size) return results.map((r, i) => ({ ...r, ticks: before.get(inputs[i].conversationId) as Watermarks, ticksMoved: false }));
    const final = (i: number) => {
      const key = `${inputs[i].conversationId} ${inputs[i].userId}`;
      return { receipt: (held.get(key) as { receipt: ReceiptState }).receipt, changed: lastChange.get(key) === i };
    };
    const list = [...moved.values()];
    const at = toDbTime(tx.dialect, now);
    await writeWatermarks(
      tx,
      at,
      list.map((r) => [r.conversationId, r.userId, r.deliveredSeq, r.readSeq]),
    );
    const after = await floorsOf(tx, [...new Set(list.map((r) => r.conversationId))]);
    return inputs.map(({ conversationId }, i) => {
      const ticks = after.get(conversationId) ?? (before.get(conversationId) as Watermarks);
      const ticksMoved = lastMove.get(conversationId) === i && !sameWatermarks(before.get(conversationId) as Watermarks, ticks);
      return { ...final(i), ticks, ticksMoved };
    });
  }

  /** Current member ids, cached until a group change calls forget(). */
  async memberIds(conversationId: string): Promise<string[]> {
    const cached = this.members.get(conversationId);
    if (cached) return cached;
    // A read that started before a group change must not put the old list back after forget().
    const generation = this.generation;
    const ids = await activeMemberIds(this.reader, conversationId);
    if (ids.length && generation === this.generation) this.members.set(conversationId, ids);
    return ids;
  }

  /** The user's membership, current or past (null: never a member). */
  async membership(conversationId: string, userId: string): Promise<Membership | null> {
    const row = await this.reader.get(
      `SELECT "role", "joinedSeq", "leftSeq", "request", "accepted" FROM "ConversationMember" WHERE "conversationId" = ? AND "userId" = ?`,
      [conversationId, userId],
    );
    return row ? toMembership(row) : null;
  }

  /** Whether a message carrying this file is one the user may see (they were a member when it was sent). */
  async fileVisibleTo(userId: string, fileId: string): Promise<boolean> {
    const row = await this.reader.get(
      `SELECT 1 AS "x" FROM "Message" msg JOIN "ConversationMember" m ON m."conversationId" = msg."conversationId" AND m."userId" = ? AND msg."seq" > m."joinedSeq" AND msg."seq" <= ${upToLeft} WHERE msg."fileId" = ? LIMIT 1`,
      [userId, fileId],
    );
    return row !== undefined;
  }

  /** Those of `userIds` who share a conversation with `userId` (peers; not contacts, which need consent: privacy-sql.ts). */
  async peersAmong(userId: string, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await this.reader.all<{ userId: string }>(
      `SELECT DISTINCT b."userId" FROM "ConversationMember" a JOIN "ConversationMember" b ON b."conversationId" = a."conversationId" AND b."leftSeq" IS NULL WHERE a."userId" = ? AND a."leftSeq" IS NULL AND b."userId" IN (${userIds.map(() => "?").join(", ")})`,
      [userId, ...userIds],
    );
    return rows.map((r) => r.userId);
  }

  async conversation(conversationId: string): Promise<ConversationRow | undefined> {
    const row = await this.reader.get(`SELECT ${CONVERSATION_COLUMNS} FROM "Conversation" WHERE "id" = ?`, [conversationId]);
    return row ? toConversation(row) : undefined;
  }

  /** The user's conversations, most recent activity first. */
  async conversationIdsOf(userId: string): Promise<string[]> {
    const rows = await this.reader.all<{ id: string }>(
      `SELECT c."id" FROM "Conversation" c JOIN "ConversationMember" m ON m."conversationId" = c."id" WHERE m."userId" = ? ORDER BY COALESCE(c."lastMessageAt", c."createdAt") DESC`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The summary rows of `userId` in these conversations, keyed by conversation (none where they never were
   * a member), in one statement: one snapshot, so the last message, lastSeq and the user's watermarks
   * agree. Each part is an index seek or range per conversation.
   */
  async summaryRows(userId: string, conversationIds: string[]): Promise<Map<string, SummaryRow>> {
    if (!conversationIds.length) return new Map();
    // The last message the member may see: one backward seek on (conversationId, seq).
    const newest = `(SELECT s."seq" FROM "Message" s WHERE s."conversationId" = m."conversationId" AND s."seq" > m."joinedSeq" AND s."seq" <= ${upToLeft} AND ${notHidden("s", 'm."userId"')} ORDER BY s."seq" DESC LIMIT 1)`;
    const rows = await this.reader.all(
      `SELECT m."conversationId", m."role", m."joinedSeq", m."leftSeq", m."deliveredSeq", m."readSeq", m."pinnedAt", m."archived", m."mutedUntil", m."flagSeq", m."request", (SELECT COUNT(*) FROM "Message" msg WHERE msg."conversationId" = m."conversationId" AND ${unreadBy('msg."seq"')} AND msg."senderId" <> m."userId" AND ${notHidden("msg", 'm."userId"')}) AS "unread", (SELECT COUNT(*) FROM "MessageMention" mm WHERE mm."userId" = m."userId" AND mm."conversationId" = m."conversationId" AND ${unreadBy('mm."seq"')}) AS "mentions", (SELECT COUNT(*) FROM "ConversationMember" a WHERE a."conversationId" = m."conversationId" AND a."leftSeq" IS NULL) AS "memberCount", (SELECT o."userId" FROM "ConversationMember" o WHERE o."conversationId" = m."conversationId" AND o."userId" <> m."userId" ORDER BY o."userId" LIMIT 1) AS "otherId", ${qualified(CONVERSATION_COLUMNS, "c")}, ${qualified(MESSAGE_COLUMNS, "l", "last.")} FROM "ConversationMember" m JOIN "Conversation" c ON c."id" = m."conversationId" LEFT JOIN "Message" l ON l."conversationId" = m."conversationId" AND l."seq" = ${newest} WHERE m."userId" = ? AND m."conversationId" ${inJson(this.reader.dialect)}`,
      [userId, json(conversationIds)],
    );
    return new Map(
      rows.map((r) => [
        r.conversationId as string,
        {
          membership: toMembership(r),
          conversation: toConversation(r),
          lastMessage: r["last.id"] == null ? null : toMessage(unqualified(r, "last.")),
          unread: { count: Number(r.unread), mentions: Number(r.mentions) },
          mine: { deliveredSeq: Number(r.deliveredSeq), readSeq: Number(r.readSeq) },
          memberCount: Number(r.memberCount),
          otherId: (r.otherId as string | null) ?? null,
        },
      ]),
    );
  }

  /** The ticks of these conversations (see floorsOf). */
  ticksOf(conversationIds: string[]): Promise<Map<string, Watermarks>> {
    return conversationIds.length ? floorsOf(this.reader, conversationIds) : Promise.resolve(new Map());
  }

  /** Messages with seq > afterSeq inside the window, oldest first; none that `viewer` deleted for themselves. */
  async messagesAfter(
    conversationId: string,
    afterSeq: number,
    limit: number,
    window: SeqWindow = ALL,
    viewer: string | null = null,
  ): Promise<ChatMessage[]> {
    const rows = await this.reader.all(
      `SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE "conversationId" = ? AND "seq" > ? AND "seq" <= ? AND ${notHidden("m")} ORDER BY "seq" LIMIT ?`,
      [conversationId, Math.max(afterSeq, window.from), window.to, viewer, limit],
    );
    return withQuotes(this.reader, rows.map(toMessage));
  }

  /** The `limit` messages just below `beforeSeq` (the newest when null) inside the window, oldest first; none `viewer` deleted for themselves. */
  async messagesBefore(
    conversationId: string,
    beforeSeq: number | null,
    limit: number,
    window: SeqWindow = ALL,
    viewer: string | null = null,
  ): Promise<ChatMessage[]> {
    const rows = await this.reader.all(
      `SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE "conversationId" = ? AND "seq" < ? AND "seq" > ? AND "seq" <= ? AND ${notHidden("m")} ORDER BY "seq" DESC LIMIT ?`,
      [conversationId, beforeSeq ?? ALL.to, window.from, window.to, viewer, limit],
    );
    return withQuotes(this.reader, rows.map(toMessage).reverse());
  }

  /** Messages changed after change `after` up to `upTo`, inside the window, in change order (none `viewer` deleted for themselves). */
  async changedAfter(conversationId: string, after: number, upTo: number, limit: number, window: SeqWindow, viewer: string) {
    const rows = await this.reader.all(
      `SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE "conversationId" = ? AND "changedSeq" > ? AND "changedSeq" <= ? AND "seq" > ? AND "seq" <= ? AND ${notHidden("m")} ORDER BY "changedSeq" LIMIT ?`,
      [conversationId, after, upTo, window.from, window.to, viewer, limit],
    );
    return withQuotes(this.reader, rows.map(toMessage));
  }

  /** The user's flags in a conversation that changed after flag change `after` up to `upTo`, in change order. */
  async flagsAfter(userId: string, conversationId: string, after: number, upTo: number, limit: number) {
    const rows = await this.reader.all(
      `SELECT "seq", "starredAt", "hidden", "flagSeq" FROM "MessageFlag" WHERE "userId" = ? AND "conversationId" = ? AND "flagSeq" > ? AND "flagSeq" <= ? ORDER BY "flagSeq" LIMIT ?`,
      [userId, conversationId, after, upTo, limit],
    );
    return rows.map((r) => ({ ...toFlag(r), flagSeq: Number(r.flagSeq) }));
  }

  /** Messages from others not yet delivered to the user, in conversation and seq order. */
  async undelivered(userId: string, limit: number): Promise<ChatMessage[]> {
    const rows = await this.reader.all(
      `SELECT ${qualified(MESSAGE_COLUMNS, "msg")} FROM "ConversationMember" m JOIN "Message" msg ON msg."conversationId" = m."conversationId" AND msg."seq" > m."deliveredSeq" AND msg."seq" <= COALESCE(m."leftSeq", ${ALL.to}) WHERE m."userId" = ? AND msg."senderId" <> ? AND ${notHidden("msg")} ORDER BY msg."conversationId", msg."seq" LIMIT ?`,
      [userId, userId, userId, limit],
    );
    return rows.map(toMessage);
  }

  /** Current members with role and join time. */
  async groupMembers(conversationId: string): Promise<{ userId: string; role: "admin" | "member"; joinedAt: string }[]> {
    const rows = await this.reader.all(
      `SELECT "userId", "role", "joinedAt" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL`,
      [conversationId],
    );
    return rows.map((r) => ({
      userId: r.userId as string,
      role: r.role === "admin" ? "admin" : "member",
      joinedAt: fromDbTime(r.joinedAt) as string,
    }));
  }

  /** Counts and one page (by user id) of the other current members' watermarks, for message info. */
  async messageInfo(conversationId: string, senderId: string, seq: number, after: string, limit: number) {
    const counts = await this.reader.get(
      `SELECT COUNT(*) AS "total", SUM(CASE WHEN "deliveredSeq" >= ? THEN 1 ELSE 0 END) AS "delivered", SUM(CASE WHEN "readSeq" >= ? THEN 1 ELSE 0 END) AS "read" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL AND "userId" <> ?`,
      [seq, seq, conversationId, senderId],
    );
    const rows = await this.reader.all(
      `SELECT ${RECEIPT_COLUMNS} FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL AND "userId" <> ? AND "userId" > ? ORDER BY "userId" LIMIT ?`,
      [conversationId, senderId, after, limit],
    );
    return {
      total: Number(counts?.total ?? 0),
      delivered: Number(counts?.delivered ?? 0),
      read: Number(counts?.read ?? 0),
      rows: rows.map(toReceipt),
    };
  }

  async close(): Promise<void> {
    await this.writes.idle();
    await this.reader.close();
  }
}

const sameWatermarks = (a: Watermarks, b: Watermarks) => a.deliveredSeq === b.deliveredSeq && a.readSeq === b.readSeq;

interface MemberRow {
  userId: string;
  role: string;
  joinedSeq: number;
  deliveredSeq: number;
  readSeq: number;
  /** A message request this member hasn't accepted (direct chats). */
  request: boolean;
  /** The member chose this direct chat (see ConversationMember.accepted). */
  accepted: boolean;
  /** Direct chats: whether the member shares read receipts (null in groups, which always do). */
  readReceipts: boolean | null;
}

/** `columns` (a list above) on table `alias`; with a prefix, each renamed "<prefix><column>" (see unqualified). */
export const qualified = (columns: string, alias: string, prefix = "") =>
  columns
    .split(", ")
    .map((c) => (prefix ? `${alias}.${c} AS "${prefix}${c.slice(1)}` : `${alias}.${c}`))
    .join(", ");

/** The columns of a row that `qualified` renamed with `prefix`, under their own names. */
const unqualified = (r: Record<string, unknown>, prefix: string) =>
  Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));

const notFound = () => new AppError("not_found", "Conversation not found");

/** A conversation being sent to, as a run of sends changes it: its last seq and its current members. */
interface SendTarget {
  kind: string;
  onlyAdminsSend: boolean;
  lastSeq: number;
  /** Disappearing messages: seconds a new message lives (null: off). */
  disappearAfter: number | null;
  members: MemberRow[];
}

/**
 * PostgreSQL with several server nodes (or two during a restart): another node may be writing to the
 * same conversations, or storing this very retry. Row locks on the conversations, taken in id order
 * (no deadlocks between nodes), serialize those writes: the statements after this one see what the
 * other node committed, so seqs stay gap-free and a retry finds its original. SQLite has one writer.
 */
async function lockConversations(tx: Driver, inputs: AppendInput[]): Promise<void> {
  if (tx.dialect !== "postgresql") return;
  const ids = [...new Set(inputs.map((i) => i.conversationId))].sort();
  await tx.all(`SELECT "id" FROM "Conversation" WHERE "id" ${inJson(tx.dialect)} ORDER BY "id" FOR UPDATE`, [json(ids)]);
}

/** In SQL about member `m` of conversation `c`: in a direct chat, whether they share read receipts (groups: NULL, no lookup). */
const DIRECT_READ_RECEIPTS = `CASE WHEN c."kind" = 'direct' THEN (SELECT u."readReceipts" FROM "User" u WHERE u."id" = m."userId") END`;

/** In SQL about member `m` of conversation `c`: in a direct chat, whether either member blocked the other (two key lookups; groups: NULL). */
const BLOCKED_PEER = `CASE WHEN c."kind" = 'direct' THEN EXISTS (SELECT 1 FROM "ConversationMember" o WHERE o."conversationId" = m."conversationId" AND o."userId" <> m."userId" AND (EXISTS (SELECT 1 FROM "Block" b WHERE b."userId" = o."userId" AND b."blockedId" = m."userId") OR EXISTS (SELECT 1 FROM "Block" b WHERE b."userId" = m."userId" AND b."blockedId" = o."userId"))) END`;

/** The conversations of a run of sends with their current members (the recipients, roles and watermarks), in one read. */
async function sendTargets(tx: Driver, ids: string[]): Promise<Map<string, SendTarget>> {
  const targets = new Map<string, SendTarget>();
  if (!ids.length) return targets;
  const rows = await tx.all(
    `SELECT c."id", c."kind", c."onlyAdminsSend", c."lastSeq", c."disappearAfter", m."userId", m."role", m."joinedSeq", m."deliveredSeq", m."readSeq", m."request", m."accepted", ${DIRECT_READ_RECEIPTS} AS "readReceipts" FROM "Conversation" c LEFT JOIN "ConversationMember" m ON m."conversationId" = c."id" AND m."leftSeq" IS NULL WHERE c."id" ${inJson(tx.dialect)}`,
    [json(ids)],
  );
  for (const row of rows) {
    const id = row.id as string;
    let target = targets.get(id);
    if (!target) {
      target = {
        kind: row.kind as string,
        onlyAdminsSend: truthy(row.onlyAdminsSend),
        lastSeq: Number(row.lastSeq),
        disappearAfter: row.disappearAfter == null ? null : Number(row.disappearAfter),
        members: [],
      };
      targets.set(id, target);
    }
    if (row.userId != null)
      target.members.push({
        userId: row.userId as string,
        role: row.role as string,
        joinedSeq: Number(row.joinedSeq),
        deliveredSeq: Number(row.deliveredSeq),
        readSeq: Number(row.readSeq),
        request: truthy(row.request),
        accepted: truthy(row.accepted),
        readReceipts: row.readReceipts == null ? null : truthy(row.readReceipts),
      });
  }
  return targets;
}

/** Why this send is refused (null: it isn't). System messages skip the checks: their group operation made them. */
async function refusal(
  tx: Driver,
  target: SendTarget,
  { conversationId, senderId, type, replyTo }: AppendInput,
  quoted: Map<string, ChatMessage>,
  blocks: Set<string>,
): Promise<AppError | null> {
  if (type === "system") return null;
  const sender = target.members.find((m) => m.userId === senderId);
  if (!sender) {
    const past = await tx.get(`SELECT 1 AS "x" FROM "ConversationMember" WHERE "conversationId" = ? AND "userId" = ?`, [
      conversationId,
      senderId,
    ]);
    return past ? new AppError("forbidden", "You're no longer a member of this group") : notFound();
  }
  if (target.kind === "direct" && target.members.some((m) => blocks.has(`${senderId} ${m.userId}`)))
    return new AppError("forbidden", "You blocked this contact: unblock them to send a message");
  if (target.kind === "group" && target.onlyAdminsSend && sender.role !== "admin") {
    return new AppError("forbidden", "Only admins can send messages to this group");
  }
  if (replyTo !== undefined) {
    const original = quoted.get(`${conversationId} ${replyTo}`);
    if (!original || original.seq <= sender.joinedSeq || !REPLYABLE(original))
      return new AppError("not_found", "The message you're replying to isn't available", { field: "replyTo" });
  }
  return null;
}

/** Both directions of every direct chat's pair of members: the blocks a run of sends may meet. */
function directPairs(targets: Map<string, SendTarget>): [string, string][] {
  return [...targets.values()].flatMap(({ kind, members: [a, b] }) =>
    kind === "direct" && a && b
      ? [
          [a.userId, b.userId],
          [b.userId, a.userId],
        ]
      : [],
  );
}

/** Hides messages from these users (as if they had deleted them for themselves, but no device of theirs hears of it). */
async function hideFrom(tx: Driver, rows: [string, string, number][]): Promise<void> {
  await tx.run(
    `INSERT INTO "MessageFlag" ("userId", "conversationId", "seq", "hidden", "flagSeq") SELECT v."u", v."c", v."q", true, 0 FROM ${jsonRows(
      tx.dialect,
      "v",
      [
        ["u", "text"],
        ["c", "text"],
        ["q", "integer"],
      ],
    )}`,
    [json(rows)],
  );
}

/** Records these [conversationId, userId] members' consent to their direct chats (accepting a request if it was one). */
export async function acceptRequests(tx: Driver, rows: [string, string][]): Promise<void> {
  await tx.run(
    `UPDATE "ConversationMember" SET "request" = false, "accepted" = true FROM ${jsonRows(tx.dialect, "v", [
      ["c", "text"],
      ["u", "text"],
    ])} WHERE "conversationId" = v."c" AND "userId" = v."u"`,
    [json(rows)],
  );
}

const REPLYABLE = (m: ChatMessage) => m.type !== "system" && m.type !== "deleted";

/** The messages these sends reply to, keyed "conversationId seq", in one read (none when no send replies). */
async function quotedBy(tx: Driver, inputs: AppendInput[]): Promise<Map<string, ChatMessage>> {
  const refs = inputs.flatMap((i) => (i.replyTo === undefined ? [] : [[i.conversationId, i.replyTo] as const]));
  return messagesAt(tx, refs);
}

/** Messages by (conversationId, seq), keyed "conversationId seq", in one read. */
export async function messagesAt(db: Driver, refs: (readonly [string, number])[]): Promise<Map<string, ChatMessage>> {
  if (!refs.length) return new Map();
  const rows = await db.all(
    `SELECT ${qualified(MESSAGE_COLUMNS, "m")} FROM ${jsonRows(db.dialect, "v", [
      ["c", "text"],
      ["q", "integer"],
    ])} JOIN "Message" m ON m."conversationId" = v."c" AND m."seq" = v."q"`,
    [json(refs.map((r) => [...r]))],
  );
  return new Map(rows.map((r) => [`${r.conversationId} ${r.seq}`, toMessage(r)]));
}

/** Fills in the quotes of replies (one read, only when some message replies); a quoted message that is gone stays type null. */
export async function withQuotes(db: Driver, messages: ChatMessage[]): Promise<ChatMessage[]> {
  const replies = messages.filter((m) => m.replyTo);
  if (!replies.length) return messages;
  const quoted = await messagesAt(
    db,
    replies.map((m) => [m.conversationId, (m.replyTo as { seq: number }).seq] as const),
  );
  for (const m of replies) {
    const original = quoted.get(`${m.conversationId} ${m.replyTo?.seq}`);
    if (original) m.replyTo = quoteOf(original);
  }
  return messages;
}

export const toFlag = (r: Record<string, unknown>): MessageFlagState => ({
  seq: Number(r.seq),
  starred: r.starredAt != null,
  hidden: truthy(r.hidden),
});

const INTEGER_COLUMNS = new Set([`"seq"`, `"replyToSeq"`, `"forwards"`]);
const TIME_COLUMNS = new Set([`"createdAt"`, `"expiresAt"`]);

/**
 * Sets members' watermarks, `[conversationId, userId, deliveredSeq, readSeq]` each, in one statement; a
 * watermark that moves gets the time `at`; none moves back. SET expressions see the row as it was.
 */
async function writeWatermarks(tx: Driver, at: string, rows: [string, string, number, number][]): Promise<void> {
  // Another node may have moved a watermark since it was read here: the greater one wins. Rows go in key
  // order so that two nodes' updates lock them in the same order.
  const max = tx.dialect === "postgresql" ? "GREATEST" : "MAX";
  rows.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  await tx.run(
    `UPDATE${orFail(tx.dialect)} "ConversationMember" SET "deliveredAt" = CASE WHEN v."d" > "deliveredSeq" THEN ? ELSE "deliveredAt" END, "readAt" = CASE WHEN v."r" > "readSeq" THEN ? ELSE "readAt" END, "deliveredSeq" = ${max}("deliveredSeq", v."d"), "readSeq" = ${max}("readSeq", v."r") FROM ${jsonRows(
      tx.dialect,
      "v",
      [
        ["c", "text"],
        ["u", "text"],
        ["d", "integer"],
        ["r", "integer"],
      ],
    )} WHERE "conversationId" = v."c" AND "userId" = v."u"`,
    [at, at, json(rows)],
  );
}

/**
 * The lowest watermarks among these members (null for none). In a direct chat where either member turned
 * read receipts off, nothing shows as read (see floorsOf).
 */
function lowest(members: MemberRow[]): Watermarks | null {
  if (!members.length) return null;
  return {
    deliveredSeq: Math.min(...members.map((m) => Number(m.deliveredSeq))),
    readSeq: members.some((m) => m.readReceipts === false) ? 0 : Math.min(...members.map((m) => Number(m.readSeq))),
  };
}

/**
 * The ticks of each conversation: the lowest delivered and read watermarks among its current members,
 * two index seeks each, however big the group. A direct chat where either member turned read receipts
 * off shows nothing as read, to either of them (groups always show them, as in WhatsApp).
 */
async function floorsOf(db: Driver, conversationIds: string[]): Promise<Map<string, Watermarks>> {
  const lowest = (column: string) =>
    `(SELECT m."${column}" FROM "ConversationMember" m WHERE m."conversationId" = c."id" AND m."leftSeq" IS NULL ORDER BY m."${column}" LIMIT 1)`;
  const readsHidden = `c."kind" = 'direct' AND EXISTS (SELECT 1 FROM "ConversationMember" x JOIN "User" u ON u."id" = x."userId" WHERE x."conversationId" = c."id" AND NOT u."readReceipts")`;
  const rows = await db.all(
    `SELECT c."id", ${lowest("deliveredSeq")} AS "d", CASE WHEN ${readsHidden} THEN 0 ELSE ${lowest("readSeq")} END AS "r" FROM "Conversation" c WHERE c."id" ${inJson(db.dialect)}`,
    [json(conversationIds)],
  );
  return new Map(rows.map((r) => [r.id as string, { deliveredSeq: Number(r.d ?? 0), readSeq: Number(r.r ?? 0) }]));
}

export async function activeMemberIds(db: Driver, conversationId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(
    `SELECT "userId" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL`,
    [conversationId],
  );
  return rows.map((r) => r.userId);
}
