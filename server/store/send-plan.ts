// The rules of a run of sends, as a plain function of the rows read for it: no database, no clock (the
// time and the ids come in), so they are unit- and property-tested without one (send-plan.test.ts).
// message-writes.ts reads the rows, runs planSends and writes its plan.
import { type ChatMessage, quoteOf, type Watermarks } from "../../lib/contracts/messaging";
import { AppError } from "../errors";
import type { AppendInput, AppendResult } from "./message-types";

/** A current member of a conversation being sent to, as the sends change them. */
export interface MemberRow {
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

/** A conversation being sent to: its last seq and its current members. */
export interface SendTarget {
  kind: string;
  onlyAdminsSend: boolean;
  lastSeq: number;
  /** Disappearing messages: seconds a new message lives (null: off). */
  disappearAfter: number | null;
  /** End-to-end encrypted: only encrypted messages (and group notices) may be sent. */
  encrypted: boolean;
  members: MemberRow[];
}

/** What a run of sends needs read before it is planned (see message-writes.ts: one statement each). */
export interface SendReads {
  /** Messages already stored under a send's (senderId, clientId), keyed by sendKey. */
  stored: Map<string, ChatMessage>;
  /** The conversations sent to (and those of stored duplicates), by id. */
  targets: Map<string, SendTarget>;
  /** The messages replied to, keyed "conversationId seq". */
  quoted: Map<string, ChatMessage>;
  /** Blocks between the members of direct chats, "blockerId blockedId". */
  blocks: Set<string>;
  /** Senders who are not current members but were once (see strangers), "conversationId userId". */
  formerMembers: Set<string>;
}

export interface SendPlan {
  /** One per input, in input order: the send's result or why it was refused. */
  results: (AppendResult | AppError)[];
  /** The messages to insert, in seq order per conversation (createdAt and expiresAt as ISO times). */
  messages: ChatMessage[];
  /** [conversationId, lastSeq] of each conversation that got messages. */
  lastSeqs: [string, number][];
  /** [conversationId, userId, deliveredSeq, readSeq]: the senders' watermarks after their sends. */
  watermarks: [string, string, number, number][];
  /** [userId, conversationId, seq]: sends to someone who blocked the sender, stored but hidden from them. */
  hidden: [string, string, number][];
  /** [conversationId, userId]: senders whose send was their consent to a direct chat. */
  consents: [string, string][];
  /** [conversationId, seq, senderId, username]: @mentions, recorded for the current members they name. */
  mentions: [string, number, string, string][];
  /** [conversationId, seq, senderId, userId]: the mentions an encrypted message lists. */
  mentionIds: [string, number, string, string][];
  /** Conversations whose first encrypted message this run stores: encrypted from now on. */
  encrypted: string[];
}

export const sendKey = (i: Pick<AppendInput, "senderId" | "clientId">) => `${i.senderId} ${i.clientId}`;

/** The first input of each (senderId, clientId) that isn't stored yet: the sends that may take a seq. */
export function firstSends(inputs: AppendInput[], stored: Map<string, unknown>): Map<string, number> {
  const first = new Map<string, number>();
  for (const [i, input] of inputs.entries()) {
    const key = sendKey(input);
    if (!stored.has(key) && !first.has(key)) first.set(key, i);
  }
  return first;
}

/** Sends from people who are not current members (not system messages): whether they ever were is read for these. */
export function strangers(sends: AppendInput[], targets: Map<string, SendTarget>): [string, string][] {
  return sends.flatMap(({ conversationId, senderId, type }) => {
    const target = targets.get(conversationId);
    return type !== "system" && target && !target.members.some((m) => m.userId === senderId) ? [[conversationId, senderId]] : [];
  });
}

/** Both directions of every direct chat's pair of members: the blocks a run of sends may meet. */
export function directPairs(targets: Map<string, SendTarget>): [string, string][] {
  return [...targets.values()].flatMap(({ kind, members: [a, b] }) =>
    kind === "direct" && a && b
      ? [
          [a.userId, b.userId],
          [b.userId, a.userId],
        ]
      : [],
  );
}

const notFound = () => new AppError("not_found", { key: "errors.chats.notFound" });
const REPLYABLE = (m: ChatMessage) => m.type !== "system" && m.type !== "deleted";

/** Why this send is refused (null: it isn't). System messages skip the checks: their group operation made them. */
export function refusal(target: SendTarget | undefined, input: AppendInput, reads: SendReads): AppError | null {
  if (!target) return notFound();
  const { conversationId, senderId, type, replyTo } = input;
  if (type === "system") return null;
  const sender = target.members.find((m) => m.userId === senderId);
  if (!sender)
    return reads.formerMembers.has(`${conversationId} ${senderId}`)
      ? new AppError("forbidden", { key: "errors.groups.noLongerMember" })
      : notFound();
  if (target.kind === "direct" && target.members.some((m) => reads.blocks.has(`${senderId} ${m.userId}`)))
    return new AppError("forbidden", { key: "errors.messages.contactBlocked" });
  if (target.kind === "group" && target.onlyAdminsSend && sender.role !== "admin")
    return new AppError("forbidden", { key: "errors.groups.adminsOnly.send" });
  if (target.encrypted && type !== "encrypted")
    return new AppError(
      "bad_request",
      { key: "errors.messages.mustEncrypt" },
      {
        field: "type",
      },
    );
  if (replyTo !== undefined) {
    const original = reads.quoted.get(`${conversationId} ${replyTo}`);
    if (!original || original.seq <= sender.joinedSeq || !REPLYABLE(original))
      return new AppError("not_found", { key: "errors.messages.replyUnavailable" }, { field: "replyTo" });
  }
  return null;
}

/**
 * The lowest watermarks among these members (null for none). In a direct chat where either member turned
 * read receipts off, nothing shows as read (see floorsOf in message-writes.ts).
 */
export function lowest(members: MemberRow[]): Watermarks | null {
  if (!members.length) return null;
  return {
    deliveredSeq: Math.min(...members.map((m) => m.deliveredSeq)),
    readSeq: members.some((m) => m.readReceipts === false) ? 0 : Math.min(...members.map((m) => m.readSeq)),
  };
}

export const sameWatermarks = (a: Watermarks, b: Watermarks) => a.deliveredSeq === b.deliveredSeq && a.readSeq === b.readSeq;

/** The message a send stores, with the next seq of its conversation. */
function messageOf(input: AppendInput, target: SendTarget, reads: SendReads, id: string, at: Date): ChatMessage {
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
    linkPreview,
    replyTo,
    forwards,
    encrypted,
  } = input;
  const message: ChatMessage = { id, clientId, conversationId, seq: ++target.lastSeq, senderId, type, text, createdAt: at.toISOString() };
  if (file) message.file = file;
  if (location) message.location = location;
  if (contact) message.contact = contact;
  if (status) message.status = status;
  if (linkPreview) message.linkPreview = linkPreview;
  const quoted = replyTo === undefined ? undefined : reads.quoted.get(`${conversationId} ${replyTo}`);
  if (quoted) message.replyTo = quoteOf(quoted);
  if (forwards) message.forwards = forwards;
  if (encrypted) message.encrypted = encrypted;
  if (target.disappearAfter) message.expiresAt = new Date(at.getTime() + target.disappearAfter * 1000).toISOString();
  return message;
}

/**
 * Plans a run of sends in input order: each one not refused takes its conversation's next seq. A retry
 * gets the stored original (its recipients: all current members); the same send twice in the run, the
 * first one's result. `targets` is changed as the sends change it (seqs, senders' watermarks, consent).
 */
export function planSends(inputs: AppendInput[], reads: SendReads, at: Date, newId: () => string): SendPlan {
  const plan: SendPlan = {
    results: new Array(inputs.length),
    messages: [],
    lastSeqs: [],
    watermarks: [],
    hidden: [],
    consents: [],
    mentions: [],
    mentionIds: [],
    encrypted: [],
  };
  const first = firstSends(inputs, reads.stored);
  const senders = new Map<string, [string, string, number, number]>();
  for (const [i, input] of inputs.entries()) {
    const original = reads.stored.get(sendKey(input));
    if (original) {
      const members = reads.targets.get(original.conversationId)?.members ?? [];
      plan.results[i] = { message: original, duplicate: true, memberIds: members.map((m) => m.userId) };
      continue;
    }
    if (first.get(sendKey(input)) !== i) continue;
    const { conversationId, senderId, mentions = [], mentionIds = [] } = input;
    const target = reads.targets.get(conversationId);
    const refused = refusal(target, input, reads);
    if (refused || !target) {
      plan.results[i] = refused ?? notFound();
      continue;
    }
    const message = messageOf(input, target, reads, newId(), at);
    plan.messages.push(message);
    let ticksMoved: Watermarks | undefined;
    let consented = false;
    const sender = target.members.find((m) => m.userId === senderId);
    // Someone who blocked the sender never gets the message, and nothing tells the sender: it is stored
    // (and acked) as usual, hidden from the blocker, whose receipts never cover it (one tick).
    const blocker =
      target.kind === "direct"
        ? target.members.find((m) => m.userId !== senderId && reads.blocks.has(`${m.userId} ${senderId}`))
        : undefined;
    if (blocker) plan.hidden.push([blocker.userId, conversationId, message.seq]);
    // Sending in a direct chat is consent: it accepts a message request, and makes the other member a contact.
    if (sender && target.kind === "direct" && !sender.accepted) {
      sender.request = false;
      sender.accepted = true;
      consented = true;
      plan.consents.push([conversationId, senderId]);
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
    if (target.kind === "group") {
      for (const name of new Set(mentions)) plan.mentions.push([conversationId, message.seq, senderId, name]);
      for (const id of new Set(mentionIds)) plan.mentionIds.push([conversationId, message.seq, senderId, id]);
    }
    const encryptionStarted = message.type === "encrypted" && !target.encrypted;
    if (encryptionStarted) {
      target.encrypted = true;
      plan.encrypted.push(conversationId);
    }
    plan.results[i] = {
      message: { ...message },
      duplicate: false,
      memberIds: target.members.flatMap((m) => (m === blocker ? [] : [m.userId])),
      ticksMoved,
      ...(consented ? { consented } : {}),
      ...(encryptionStarted ? { encryptionStarted } : {}),
      request: target.members.some((m) => m.userId !== senderId && m.request),
    };
  }
  for (const [i, input] of inputs.entries()) {
    if (plan.results[i]) continue;
    const original = plan.results[first.get(sendKey(input)) as number];
    plan.results[i] = original instanceof AppError ? original : { ...original, duplicate: true, ticksMoved: undefined };
  }
  const touched = new Set(plan.messages.map((m) => m.conversationId));
  plan.lastSeqs = [...touched].map((id) => [id, (reads.targets.get(id) as SendTarget).lastSeq]);
  plan.watermarks = [...senders.values()];
  return plan;
}
