// Messaging contract shared by server and clients: REST bodies, Socket.IO payloads and what they return.
import { z } from "zod";
import { text as localized, message } from "../i18n/text";
import { encryptedContentSchema } from "./e2ee";
import { linkPreviewSchema, previewFitsText } from "./link-preview";
import type { UploadKind } from "./media";
import type * as out from "./outputs";
import { label, text } from "./text";

export const MESSAGE_TEXT_MAX = 4096;
/** Most people one encrypted message may name as mentioned. */
export const MENTIONS_MAX = 64;
/** The highest forward count a message may claim (the label only tells 0, 1-4 and 5 or more apart). */
export const FORWARDS_MAX = 1_000_000;
/** Most messages one sync page or one history page carries. */
export const PAGE_MAX = 200;

/** Client-generated message id: retries with the same id never create a second message. */
export const clientIdSchema = z
  .string(message("validation.field.required", { field: "id" }))
  .regex(/^[A-Za-z0-9_-]{8,64}$/, message("validation.messaging.clientId"));

export const entityIdSchema = text("id", { error: message("validation.field.id") })
  .min(1)
  .max(64);

/**
 * What a message is. "encrypted": end-to-end encrypted, whatever it is (text, location, contact...) is
 * inside its ciphertext, which only members' devices can open (lib/contracts/e2ee.ts).
 * "system" messages record group events; the server writes them, nobody sends them.
 * A message deleted for everyone keeps its place (seq, sender, time) as type "deleted", with no content.
 */
export const SENDABLE_TYPES = ["text", "image", "video", "audio", "voice", "document", "location", "contact", "encrypted"] as const;
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
  latitude: z
    .number(message("validation.field.number", { field: "latitude" }))
    .min(-90, message("validation.field.between", { field: "latitude", min: -90, max: 90 }))
    .max(90, message("validation.field.between", { field: "latitude", min: -90, max: 90 })),
  longitude: z
    .number(message("validation.field.number", { field: "longitude" }))
    .min(-180, message("validation.field.between", { field: "longitude", min: -180, max: 180 }))
    .max(180, message("validation.field.between", { field: "longitude", min: -180, max: 180 })),
  /** Metres, as the device reported it (none for a point typed in). */
  accuracy: z.number().min(0).max(ACCURACY_MAX_METRES).nullable().default(null),
  /** A label: a place name or address. */
  name: text(label("placeName"))
    .trim()
    .max(200, message("validation.messaging.placeNameTooLong", { max: 200 }))
    .nullable()
    .default(null),
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
    type: z.enum(SENDABLE_TYPES, message("validation.field.oneOf", { field: "type", values: SENDABLE_TYPES.join(", ") })).default("text"),
    text: text("text", { multiline: true, error: message("validation.field.string", { field: "text" }) }).default(""),
    fileId: entityIdSchema.optional(),
    /** Seconds of audio, video or voice, as the sender's device measured them. */
    duration: z
      .number(message("validation.field.seconds", { field: "duration" }))
      .min(0)
      .max(DURATION_MAX)
      .optional(),
    location: sharedLocationSchema.optional(),
    contact: z.object({ userId: entityIdSchema }).optional(),
    /** The seq of a message in the same conversation this one replies to. */
    replyTo: z.number(message("validation.messaging.replyTo")).int().min(1).optional(),
    /** A text reply to a status (its id): the message goes to the poster (`to`) and quotes the status. */
    statusId: entityIdSchema.optional(),
    /** Type "encrypted": the content, encrypted by the sender's device for the chat's members. */
    encrypted: encryptedContentSchema.optional(),
    /**
     * A copy the sender's app forwarded from an end-to-end encrypted chat into one that isn't: how many times
     * its content has been forwarded (the server couldn't count it; an encrypted message carries it inside).
     */
    forwards: z.number(message("validation.messaging.forwards")).int().min(1).max(FORWARDS_MAX).optional(),
    /** A text message: the preview of its first link, made by the sender's app (lib/contracts/link-preview.ts). */
    linkPreview: linkPreviewSchema.optional(),
    /** Type "encrypted": the members it @mentions (the server can't read the text to find them). */
    mentions: z
      .array(entityIdSchema)
      .max(MENTIONS_MAX, message("validation.messaging.tooManyMentions", { max: MENTIONS_MAX }))
      .optional(),
  })
  .refine((m) => (m.to === undefined) !== (m.conversationId === undefined), {
    ...message("validation.field.exactlyOne", { a: "to", b: "conversationId" }),
    path: ["conversationId"],
  })
  .superRefine((m, ctx) => {
    /** Says `message()` (looked up only then) unless the field is there exactly when `wanted`. */
    const needs = (field: "fileId" | "location" | "contact" | "encrypted", wanted: boolean, message: () => string) => {
      if ((m[field] !== undefined) !== wanted) ctx.addIssue({ code: "custom", path: [field], message: message() });
    };
    const file = isFileType(m.type);
    // An encrypted message may carry a file (its kind, caption and duration are inside the ciphertext).
    if (m.type !== "encrypted")
      needs("fileId", file, () =>
        file ? localized("validation.messaging.needsFile", { type: m.type }) : localized("validation.messaging.fileIdOnlyWithFile"),
      );
    /** "location only goes with type location". */
    const onlyWithType = (field: "location" | "contact" | "encrypted") =>
      localized("validation.field.onlyWithType", { field, type: field });
    needs("location", m.type === "location", () =>
      m.type === "location" ? localized("validation.messaging.needsLocation") : onlyWithType("location"),
    );
    needs("contact", m.type === "contact", () =>
      m.type === "contact" ? localized("validation.messaging.needsContact") : onlyWithType("contact"),
    );
    if (m.statusId !== undefined && ((m.type !== "text" && m.type !== "encrypted") || m.to === undefined || m.replyTo !== undefined))
      ctx.addIssue({ code: "custom", path: ["statusId"], message: localized("validation.messaging.statusReply") });
    needs("encrypted", m.type === "encrypted", () =>
      m.type === "encrypted" ? localized("validation.messaging.needsEncrypted") : onlyWithType("encrypted"),
    );
    if (m.type === "encrypted" && (m.text !== "" || m.replyTo !== undefined))
      ctx.addIssue({ code: "custom", path: ["text"], message: localized("validation.messaging.encryptedText") });
    if (m.forwards !== undefined && m.type === "encrypted")
      ctx.addIssue({ code: "custom", path: ["forwards"], message: localized("validation.messaging.encryptedForwards") });
    if (m.mentions !== undefined && m.type !== "encrypted")
      ctx.addIssue({ code: "custom", path: ["mentions"], message: localized("validation.messaging.mentionsOnlyEncrypted") });
    if (m.linkPreview && (m.type !== "text" || m.statusId !== undefined || !previewFitsText(m.linkPreview, m.text)))
      ctx.addIssue({ code: "custom", path: ["linkPreview"], message: localized("validation.messaging.linkPreview") });
    if (m.duration !== undefined && !["audio", "voice", "video"].includes(m.type))
      ctx.addIssue({ code: "custom", path: ["duration"], message: localized("validation.messaging.durationOnlyMedia") });
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
      // Typed for the sender; not checked here: the handler checks each one (sendMessageSchema).
      .array(z.custom<SendMessage>(), message("validation.field.list", { field: "messages" }))
      .min(1, message("validation.field.notEmpty", { field: "messages" }))
      .max(SEND_BATCH_MAX, message("validation.messaging.batchTooLarge", { max: SEND_BATCH_MAX })),
  })
  .strict();
export type SendMessageBatch = z.input<typeof sendMessageBatchSchema>;

/** A send's outcome: the stored message (duplicate: a retry of one already stored), or why it wasn't stored. */
export type SendResult = z.infer<typeof out.sendResultSchema>;

/**
 * Refusals a retry can't fix: the sender drops the message and says why. Anything else (a limit, a server
 * error, no answer) is retried with the same id, and holds back the messages sent after it.
 */
const REFUSED_FOR_GOOD: ReadonlySet<string> = new Set(["bad_request", "payload_too_large", "not_found", "forbidden"]);
export const refusedForGood = (code: string) => REFUSED_FOR_GOOD.has(code);

export const seqSchema = z.coerce
  .number<number>(message("validation.field.number", { field: "seq" }))
  .int()
  .min(0);

/** Report that this user's device has stored (delivered) or shown (read) everything up to `seq`. */
export const receiptReportSchema = z.object({ conversationId: entityIdSchema, seq: seqSchema }).strict();
export type ReceiptReport = z.infer<typeof receiptReportSchema>;

/** POST /api/v1/conversations/:id/delivered and /read: without a seq the report covers everything so far (watermarks never pass the last message). */
export const receiptBodySchema = z.object({ seq: seqSchema.default(2_147_483_647) }).strict();

/** The most conversations each of a sync request's cursor maps may name. */
export const SYNC_CURSORS_MAX = 5_000;

/** A map of conversation id to seq, its keys counted before anything in it is parsed. */
const cursorMap = (name: string) =>
  z
    .custom<unknown>(
      (v) => typeof v !== "object" || v === null || Object.keys(v).length <= SYNC_CURSORS_MAX,
      message("validation.messaging.tooManyCursors", { field: name, max: SYNC_CURSORS_MAX }),
    )
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

/** GET /api/v1/messages/unread. */
export const unreadQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_MAX) });

export const openDirectSchema = z.object({ userId: entityIdSchema });

export const typingSchema = z.object({ conversationId: entityIdSchema });
export const presenceSubscribeSchema = z.object({ userIds: z.array(entityIdSchema).max(500) });

export type ChatMessage = z.infer<typeof out.chatMessageSchema>;

export type Reaction = z.infer<typeof out.reactionSchema>;

/** A quoted message: enough to show the quote. `type` null means it is gone (it disappeared). */
export type QuotedMessage = z.infer<typeof out.quotedMessageSchema>;
export const QUOTE_TEXT_MAX = 200;

/** How a reply shows the message it quotes. */
export function quoteOf(m: ChatMessage): QuotedMessage {
  const quote: QuotedMessage = { seq: m.seq, senderId: m.senderId, type: m.type, text: [...m.text].slice(0, QUOTE_TEXT_MAX).join("") };
  if (m.file) {
    const { fileId, fileName, mime, placeholder, duration, thumbnail } = m.file;
    // An encrypted photo's thumbnail goes with the quote (in its ciphertext) in place of the placeholder.
    quote.file = { fileId, fileName, mime, duration, ...(thumbnail ? { thumbnail, placeholder: null } : { placeholder }) };
  }
  return quote;
}

/** Forwarded this many times or more, a message is "Forwarded many times" and goes to one chat at a time. */
export const FORWARDED_MANY = 5;
/** The most chats a message is forwarded to at once. */
export const FORWARD_TARGETS_MAX = 5;
/** What a message's forward count is shown as: the label's id ("Forwarded", "Forwarded many times"), or null. */
export const forwardLabel = (forwards = 0): "forwarded" | "forwardedMany" | null =>
  forwards >= FORWARDED_MANY ? "forwardedMany" : forwards > 0 ? "forwarded" : null;

/** One member's marks on a message. */
export type MessageFlagState = z.infer<typeof out.messageFlagStateSchema>;

export type MessageFile = z.infer<typeof out.messageFileSchema>;

/** A contact card: the user as they were when shared. */
export type SharedContact = z.infer<typeof out.sharedContactSchema>;

/** One member's watermarks: everything up to deliveredSeq reached a device of theirs; up to readSeq was seen. */
export type ReceiptState = z.infer<typeof out.receiptStateSchema>;

/** How far a member (`mine`), or every current member (`ticks`), has got: delivered up to deliveredSeq, read up to readSeq. */
export type Watermarks = z.infer<typeof out.watermarksSchema>;

/** The answer to a report: my watermarks after it, and the conversation's ticks. */
export type ReceiptAck = z.infer<typeof out.receiptAckSchema>;

/**
 * Pushed as `receipt:updated` when watermarks move: to every member when the group's `ticks` moved, and
 * with `mine` to the devices of the member whose watermarks moved.
 */
export type ReceiptUpdate = z.infer<typeof out.receiptUpdateSchema>;

export type ConversationSummary = z.infer<typeof out.conversationSummarySchema>;

export type ConversationSync = z.infer<typeof out.conversationSyncSchema>;

export type SyncPage = z.infer<typeof out.syncPageSchema>;

export type HistoryPage = z.infer<typeof out.historyPageSchema>;

export type PresenceState = z.infer<typeof out.presenceStateSchema>;

export type TypingState = z.infer<typeof out.typingStateSchema>;

export type MessageStatus = "pending" | "sent" | "delivered" | "read";

/** The tick of one of my messages: every other current member must have it (a group of one stays at Sent). */
export function messageStatus(seq: number | null, conversation: Pick<ConversationSummary, "ticks" | "group">): MessageStatus {
  if (seq === null) return "pending";
  if (conversation.group && conversation.group.memberCount < 2) return "sent";
  if (seq <= conversation.ticks.readSeq) return "read";
  if (seq <= conversation.ticks.deliveredSeq) return "delivered";
  return "sent";
}
