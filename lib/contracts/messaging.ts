// Messaging contract shared by server and clients: REST bodies, Socket.IO payloads and what they return.
import { z } from "zod";
import type { Ack } from "./errors";
import type { GroupSummary } from "./groups";
import type { UploadedFile, UploadKind } from "./media";
import type { StatusQuote } from "./status";
import { text } from "./text";
import type { PublicUser } from "./users";

export const MESSAGE_TEXT_MAX = 4096;
/** Most messages one sync page or one history page carries. */
export const PAGE_MAX = 200;

/** Client-generated message id: retries with the same id never create a second message. */
export const clientIdSchema = z
  .string({ error: "id is required" })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "id must be 8-64 letters, digits, '-' or '_' (a UUID works)" });

export const entityIdSchema = text("id", { error: "must be an id" }).min(1).max(64);

/**
 * What a message is. "system" messages record group events; the server writes them, nobody sends them.
 * A message deleted for everyone keeps its place (seq, sender, time) as type "deleted", with no content.
 */
export const SENDABLE_TYPES = ["text", "image", "video", "audio", "voice", "document", "location", "contact"] as const;
export type SendableType = (typeof SENDABLE_TYPES)[number];
export type MessageType = SendableType | "system" | "deleted";

/** The message types that carry an uploaded file, and the upload kind (file_type) each needs. */
export const FILE_TYPES = {
  image: "image",
  video: "video",
  audio: "audio",
  voice: "audio",
  document: "document",
} as const satisfies Record<string, UploadKind>;
export type FileMessageType = keyof typeof FILE_TYPES;
export const isFileType = (type: string): type is FileMessageType => Object.hasOwn(FILE_TYPES, type);

/** The longest voice note or audio a sender may describe (seconds). */
export const DURATION_MAX = 24 * 3600;

/** The largest location accuracy kept, in metres (a device may report worse; it is capped). */
export const ACCURACY_MAX_METRES = 1_000_000;

export const sharedLocationSchema = z.object({
  latitude: z.number({ error: "latitude must be a number" }).min(-90, { error: "latitude must be between -90 and 90" }).max(90, {
    error: "latitude must be between -90 and 90",
  }),
  longitude: z.number({ error: "longitude must be a number" }).min(-180, { error: "longitude must be between -180 and 180" }).max(180, {
    error: "longitude must be between -180 and 180",
  }),
  /** Metres, as the device reported it (none for a point typed in). */
  accuracy: z.number().min(0).max(ACCURACY_MAX_METRES).nullable().default(null),
  /** A label: a place name or address. */
  name: text("A place name").trim().max(200, { error: "A place name can be at most 200 characters" }).nullable().default(null),
});
export type SharedLocation = z.infer<typeof sharedLocationSchema>;

/**
 * Exactly one of `to` (a user id: the direct chat with them) or `conversationId`. `type` defaults to text;
 * file types carry the `fileId` of an upload (text is then the caption), a location its point, a contact
 * the user id. Text length is checked by the service (413).
 */
export const sendMessageSchema = z
  .object({
    id: clientIdSchema,
    to: entityIdSchema.optional(),
    conversationId: entityIdSchema.optional(),
    type: z.enum(SENDABLE_TYPES, { error: `type must be one of ${SENDABLE_TYPES.join(", ")}` }).default("text"),
    text: text("text", { multiline: true, error: "text must be a string" }).default(""),
    fileId: entityIdSchema.optional(),
    /** Seconds of audio, video or voice, as the sender's device measured them. */
    duration: z.number({ error: "duration must be a number of seconds" }).min(0).max(DURATION_MAX).optional(),
    location: sharedLocationSchema.optional(),
    contact: z.object({ userId: entityIdSchema }).optional(),
    /** The seq of a message in the same conversation this one replies to. */
    replyTo: z.number({ error: "replyTo must be the seq of a message" }).int().min(1).optional(),
    /** A text reply to a status (its id): the message goes to the poster (`to`) and quotes the status. */
    statusId: entityIdSchema.optional(),
  })
  .refine((m) => (m.to === undefined) !== (m.conversationId === undefined), {
    error: "Give exactly one of to or conversationId",
    path: ["conversationId"],
  })
  .superRefine((m, ctx) => {
    const needs = (field: "fileId" | "location" | "contact", wanted: boolean, message: string) => {
      if ((m[field] !== undefined) !== wanted) ctx.addIssue({ code: "custom", path: [field], message });
    };
    const file = isFileType(m.type);
    needs("fileId", file, file ? `A ${m.type} message needs the fileId of an upload` : `fileId only goes with a file message`);
    needs(
      "location",
      m.type === "location",
      m.type === "location" ? "A location message needs a location" : "location only goes with type location",
    );
    needs(
      "contact",
      m.type === "contact",
      m.type === "contact" ? "A contact message needs contact.userId" : "contact only goes with type contact",
    );
    if (m.statusId !== undefined && (m.type !== "text" || m.to === undefined || m.replyTo !== undefined))
      ctx.addIssue({ code: "custom", path: ["statusId"], message: "A status reply is a text message to the status's poster (to)" });
    if (m.duration !== undefined && !["audio", "voice", "video"].includes(m.type))
      ctx.addIssue({ code: "custom", path: ["duration"], message: "duration only goes with audio, voice or video" });
  });
/** What a client sends (type and text may be left out: a text message, no caption). */
export type SendMessage = z.input<typeof sendMessageSchema>;

/** Most messages one message:send-batch carries. */
export const SEND_BATCH_MAX = 100;

/**
 * Several messages sent in order with one round trip (an outbox sent on reconnect). Each message is checked
 * on its own, as a message:send would be: one that isn't a valid SendMessage is refused alone (bad_request),
 * so the envelope only bounds the list.
 */
export const sendMessageBatchSchema = z
  .object({
    messages: z
      .array(z.unknown(), { error: "messages must be a list" })
      .min(1, { error: "messages can't be empty" })
      .max(SEND_BATCH_MAX, { error: `A batch can carry at most ${SEND_BATCH_MAX} messages` }),
  })
  .strict();
export interface SendMessageBatch {
  messages: SendMessage[];
}

/** A send's outcome: the stored message (duplicate: a retry of one already stored), or why it wasn't stored. */
export type SendResult = Ack<{ message: ChatMessage; duplicate: boolean }>;

/**
 * Refusals a retry can't fix: the sender drops the message and says why. Anything else (a limit, a server
 * error, no answer) is retried with the same id, and holds back the messages sent after it.
 */
const REFUSED_FOR_GOOD: ReadonlySet<string> = new Set(["bad_request", "payload_too_large", "not_found", "forbidden"]);
export const refusedForGood = (code: string) => REFUSED_FOR_GOOD.has(code);

export const seqSchema = z.coerce.number({ error: "seq must be a number" }).int().min(0);

/** Report that this user's device has stored (delivered) or shown (read) everything up to `seq`. */
export const receiptReportSchema = z.object({ conversationId: entityIdSchema, seq: seqSchema }).strict();
export type ReceiptReport = z.infer<typeof receiptReportSchema>;

/** The most conversations each of a sync request's cursor maps may name. */
export const SYNC_CURSORS_MAX = 5_000;

/** A map of conversation id to seq, its keys counted before anything in it is parsed. */
const cursorMap = (name: string) =>
  z
    .custom<unknown>((v) => typeof v !== "object" || v === null || Object.keys(v).length <= SYNC_CURSORS_MAX, {
      error: `${name} can name at most ${SYNC_CURSORS_MAX} conversations`,
    })
    .pipe(z.record(entityIdSchema, seqSchema))
    .default({});

export const syncRequestSchema = z.object({
  /** The highest seq this device holds, per conversation it knows. Unknown conversations get their latest page. */
  cursors: cursorMap("cursors"),
  /** The conversation's changeSeq as of the device's last sync: messages changed since come back as `changed`. */
  changes: cursorMap("changes"),
  /** My flagSeq in the conversation as of the device's last sync: stars and deletions for me since come back as `flags`. */
  flags: cursorMap("flags"),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_MAX),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const historyQuerySchema = z.object({
  /** Messages with seq below this (omit for the newest). */
  before: seqSchema.optional(),
  /** Instead of before: the page centred on this seq (to jump to a message far back). */
  around: seqSchema.optional(),
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
  type: MessageType;
  /** The message, or a file's caption (may be empty). */
  text: string;
  createdAt: string;
  /** The file of an image, video, audio, voice or document message. */
  file?: MessageFile;
  location?: SharedLocation;
  contact?: SharedContact;
  /** The message this one replies to, as it is now. */
  replyTo?: QuotedMessage;
  /** The status this text message replies to, as it was then. */
  status?: StatusQuote;
  /** How many times the content had been forwarded when this copy was sent (absent: not forwarded). */
  forwards?: number;
  /** When the text was last edited (the earlier texts: GET .../messages/:seq/edits). */
  editedAt?: string;
  /** One per member at most, grouped by emoji in the order each was first used. */
  reactions?: Reaction[];
  /** The conversation's changeSeq at this message's last change (absent: never changed). */
  changedSeq?: number;
  /** Disappearing messages: when the server removes it. */
  expiresAt?: string;
}

export interface Reaction {
  emoji: string;
  userIds: string[];
}

/** A quoted message: enough to show the quote. `type` null means it is gone (it disappeared). */
export interface QuotedMessage {
  seq: number;
  senderId: string | null;
  type: MessageType | null;
  /** Its text or caption, cut at QUOTE_TEXT_MAX characters. */
  text: string;
  file?: Pick<MessageFile, "fileId" | "fileName" | "mime" | "placeholder" | "duration">;
}
export const QUOTE_TEXT_MAX = 200;

/** How a reply shows the message it quotes. */
export function quoteOf(m: ChatMessage): QuotedMessage {
  const quote: QuotedMessage = { seq: m.seq, senderId: m.senderId, type: m.type, text: [...m.text].slice(0, QUOTE_TEXT_MAX).join("") };
  if (m.file) {
    const { fileId, fileName, mime, placeholder, duration } = m.file;
    quote.file = { fileId, fileName, mime, placeholder, duration };
  }
  return quote;
}

/** Forwarded this many times or more, a message is "Forwarded many times" and goes to one chat at a time. */
export const FORWARDED_MANY = 5;
/** The most chats a message is forwarded to at once. */
export const FORWARD_TARGETS_MAX = 5;
/** What a message's forward count is shown as. */
export const forwardLabel = (forwards = 0) => (forwards >= FORWARDED_MANY ? "Forwarded many times" : forwards > 0 ? "Forwarded" : null);

/** One member's marks on a message. */
export interface MessageFlagState {
  seq: number;
  starred: boolean;
  /** Deleted for me: no device of mine shows it. */
  hidden: boolean;
}

/**
 * A file as a message carries it: what the upload answered (bar the hash and kind), enough to show it
 * without asking the server (the bytes are at /api/v1/media/:fileId).
 */
export interface MessageFile
  extends Pick<UploadedFile, "fileId" | "mime" | "size" | "fileName" | "width" | "height" | "placeholder" | "pageCount"> {
  /** Audio, voice and video: seconds, as the sender's device measured them. */
  duration: number | null;
}

/** A contact card: the user as they were when shared. */
export interface SharedContact {
  userId: string;
  displayName: string;
  username: string;
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
  /** Counts changes to messages; see sync's `changes` cursors. */
  changeSeq: number;
  /** Counts changes to my flags (stars, deletions for me); see sync's `flags` cursors. */
  flagSeq: number;
  /** Pinned messages' seqs (at most PINS_MAX), oldest pin first. */
  pinned: number[];
  /** Disappearing messages: seconds a new message lives (null: off). */
  disappearAfter: number | null;
  /** My own settings for the chat. */
  pinnedAt: string | null;
  archived: boolean;
  mutedUntil: string | null;
  /**
   * A message request to me: someone I had no chat or group with started this direct chat and I haven't
   * accepted it (POST .../accept, opening a chat with them, or replying). Until then they see no Delivered,
   * Read or presence of mine.
   */
  request: boolean;
  /** I blocked the other person of this direct chat. */
  blocked: boolean;
}

export interface ConversationSync {
  conversation: ConversationSummary;
  /** In seq order: after the device's cursor, or the latest page for a conversation it didn't know. */
  messages: ChatMessage[];
  /**
   * The device's next cursor: it now has every message it may see up to this seq (messages deleted for
   * me, or gone, leave gaps in the seqs; the cursor passes them).
   */
  upTo: number;
  /** Messages the device may hold that changed after its `changes` cursor, as they are now, in change order. */
  changed: ChatMessage[];
  /** My flags that changed after the device's `flags` cursor. */
  flags: MessageFlagState[];
  /** The device's next `changes` and `flags` cursors for this conversation. */
  changesUpTo: number;
  flagsUpTo: number;
  /** More messages, changes or flags after these: ask again with the new cursors. */
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
