// Messaging contract shared by server and clients: REST bodies, Socket.IO payloads and what they return.
import { z } from "zod";
import type { GroupSummary } from "./groups";
import type { PublicUser } from "./users";

export const MESSAGE_TEXT_MAX = 4096;
/** Most messages one sync page or one history page carries. */
export const PAGE_MAX = 200;

/** Client-generated message id: retries with the same id never create a second message. */
export const clientIdSchema = z
  .string({ error: "id is required" })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "id must be 8-64 letters, digits, '-' or '_' (a UUID works)" });

export const entityIdSchema = z.string({ error: "must be an id" }).min(1).max(64);

/** Exactly one of `to` (a user id: the direct chat with them) or `conversationId`. Text length is checked by the service (413). */
export const sendMessageSchema = z
  .object({
    id: clientIdSchema,
    to: entityIdSchema.optional(),
    conversationId: entityIdSchema.optional(),
    text: z.string({ error: "text is required" }),
  })
  .refine((m) => (m.to === undefined) !== (m.conversationId === undefined), {
    error: "Give exactly one of to or conversationId",
    path: ["conversationId"],
  });
export type SendMessage = z.infer<typeof sendMessageSchema>;

export const seqSchema = z.coerce.number({ error: "seq must be a number" }).int().min(0);

/** Report that this user's device has stored (delivered) or shown (read) everything up to `seq`. */
export const receiptReportSchema = z.object({ conversationId: entityIdSchema, seq: seqSchema });
export type ReceiptReport = z.infer<typeof receiptReportSchema>;

export const syncRequestSchema = z.object({
  /** The highest seq this device holds, per conversation it knows. Unknown conversations get their latest page. */
  cursors: z.record(z.string(), seqSchema).default({}),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_MAX),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const historyQuerySchema = z.object({
  /** Messages with seq below this (omit for the newest). */
  before: seqSchema.optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(50),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const openDirectSchema = z.object({ userId: entityIdSchema });

export const typingSchema = z.object({ conversationId: entityIdSchema });
export const presenceSubscribeSchema = z.object({ userIds: z.array(entityIdSchema).max(500) });

export interface ChatMessage {
  /** Server id. */
  id: string;
  /** The sender's client-generated id. */
  clientId: string;
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  senderId: string;
  /** "system" messages record group events ("Ana added Ben"); their text is the rendered sentence. */
  kind: "text" | "system";
  text: string;
  createdAt: string;
}

/** One member's watermarks: everything up to deliveredSeq reached a device of theirs; up to readSeq was seen. */
export interface ReceiptState {
  conversationId: string;
  userId: string;
  deliveredSeq: number;
  readSeq: number;
  deliveredAt: string | null;
  readAt: string | null;
}

/** How far a member (`mine`), or every current member (`ticks`), has got: delivered up to deliveredSeq, read up to readSeq. */
export interface Watermarks {
  deliveredSeq: number;
  readSeq: number;
}

/**
 * Pushed as `receipt:updated` when watermarks move: to every member when the group's `ticks` moved, and
 * with `mine` to the devices of the member whose watermarks moved.
 */
/** The answer to a report: my watermarks after it, and the conversation's ticks. */
export interface ReceiptAck extends ReceiptState {
  ticks: Watermarks;
}

export interface ReceiptUpdate {
  conversationId: string;
  ticks: Watermarks;
  mine?: Watermarks;
}

export interface ConversationSummary {
  id: string;
  kind: "direct" | "group";
  /** The other person in a direct chat; null in a group. */
  peer: PublicUser | null;
  /** Name, members and settings of a group; null in a direct chat. */
  group: GroupSummary | null;
  lastSeq: number;
  lastMessage: ChatMessage | null;
  /** Messages from others above my read watermark. */
  unreadCount: number;
  /** Of those, the ones that @mention me (groups). */
  unreadMentions: number;
  /** My own watermarks (my unread messages are those from others above readSeq). */
  mine: Watermarks;
  /**
   * The lowest watermarks among the current members: a message is Delivered once every member has it
   * (deliveredSeq >= its seq) and Read once every member has read it. Sending moves the sender's own
   * watermarks to the message, so the sender never holds their own ticks back.
   */
  ticks: Watermarks;
  createdAt: string;
  lastMessageAt: string | null;
}

export interface ConversationSync {
  conversation: ConversationSummary;
  /** In seq order: after the device's cursor, or the latest page for a conversation it didn't know. */
  messages: ChatMessage[];
  /** More messages after these: ask again with the new cursor. */
  hasMore: boolean;
}

export interface SyncPage {
  conversations: ConversationSync[];
}

export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

export interface PresenceState {
  userId: string;
  online: boolean;
  lastSeenAt: string | null;
}

export interface TypingState {
  conversationId: string;
  userId: string;
  typing: boolean;
}

export type MessageStatus = "Pending" | "Sent" | "Delivered" | "Read";

/** The tick of one of my messages: every other current member must have it (a group of one stays at Sent). */
export function messageStatus(seq: number | null, conversation: Pick<ConversationSummary, "ticks" | "group">): MessageStatus {
  if (seq === null) return "Pending";
  if (conversation.group && conversation.group.memberCount < 2) return "Sent";
  if (seq <= conversation.ticks.readSeq) return "Read";
  if (seq <= conversation.ticks.deliveredSeq) return "Delivered";
  return "Sent";
}
