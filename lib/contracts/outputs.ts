// What the server answers and pushes, as zod schemas: each output type (ChatMessage, ConversationSummary,
// Status, ...) is the z.infer of its schema here, re-exported under its name by the contract module it
// belongs to, so a type can't drift from its schema. The server type-checks what it emits and acks
// against these types (no parsing on the send path); the tests parse what they receive with the schemas.
// The contract modules import only its types (never its values), so no module cycle runs at load.
import { z } from "zod";
import { encryptedContentSchema, sealedReactionSchema } from "./e2ee";
import { type ErrorCode, errorStatus } from "./errors";
import { linkPreviewSchema } from "./link-preview";
import { uploadKindSchema } from "./media";
import { SENDABLE_TYPES } from "./messaging";
import { GROUP_ADDERS, STATUS_AUDIENCES, VISIBILITIES } from "./privacy";
import { STATUS_BACKGROUNDS, STATUS_FONTS, STATUS_KINDS } from "./status";

/** An instant as the server writes it: `Date.toISOString()`. */
const instant = z.iso.datetime();
const seq = z.number().int().min(0);

// Users

/** What anyone may see of a user. */
export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  about: z.string(),
  /** Path of the avatar image (changes when the avatar does), or null when the user has none. */
  avatarUrl: z.string().nullable(),
});

// Media

/** What POST /api/v1/media answers: the id a message refers to, and what the server found the file to be. */
export const uploadedFileSchema = z.object({
  fileId: z.string(),
  /** SHA-256 of the bytes, hex. The same bytes uploaded again are stored once. */
  sha256: z.string(),
  kind: uploadKindSchema,
  /** Detected from the bytes (documents the bytes say nothing about: application/octet-stream). */
  mime: z.string(),
  size: z.number().int().min(0),
  fileName: z.string(),
  /** Images: pixel size as displayed, and a tiny data: URL to show blurred while the thumbnail loads (null otherwise). */
  width: z.number().nullable(),
  height: z.number().nullable(),
  placeholder: z.string().nullable(),
  /** PDFs: how many pages, when that is cheap to find (null otherwise). */
  pageCount: z.number().int().nullable(),
});

/**
 * A file as a message carries it: what the upload answered (bar the hash and kind), enough to show it
 * without asking the server (the bytes are at /api/v1/media/:fileId).
 */
export const messageFileSchema = uploadedFileSchema
  .pick({ fileId: true, mime: true, size: true, fileName: true, width: true, height: true, placeholder: true, pageCount: true })
  .extend({
    /** Audio, voice and video: seconds, as the sender's device measured them. */
    duration: z.number().nullable(),
    /**
     * An end-to-end encrypted photo's or video's small picture (a WebP data: URL), from inside its message:
     * the server can't make thumbnails of ciphertext, so the sender's app does. Never set by the server.
     */
    thumbnail: z.string().optional(),
  });

// Groups

export const groupRoleSchema = z.enum(["admin", "member"]);

/** What the chat list and header need of a group. */
export const groupSummarySchema = z.object({
  name: z.string(),
  description: z.string(),
  memberCount: z.number().int().min(0),
  /** My role, or null once I left or was removed (I keep the history up to then). */
  myRole: groupRoleSchema.nullable(),
  onlyAdminsSend: z.boolean(),
  onlyAdminsEdit: z.boolean(),
  /** The group icon's key (null: no icon); see groupAvatarUrl. */
  avatarKey: z.string().nullable(),
});

export const groupMemberSchema = z.object({ user: publicUserSchema, role: groupRoleSchema, joinedAt: instant });

export const groupInfoSchema = groupSummarySchema.extend({
  id: z.string(),
  createdAt: instant,
  members: z.array(groupMemberSchema),
  /** Only admins see the invite code; null when there is no active link. */
  inviteCode: z.string().nullable(),
});

// Statuses

const statusKindSchema = z.enum(STATUS_KINDS);

export const statusSchema = z.object({
  id: z.string(),
  /** The poster's client id. */
  clientId: z.string(),
  userId: z.string(),
  kind: statusKindSchema,
  /** The text, or the caption. */
  text: z.string(),
  /** Text statuses only. */
  background: z.enum(STATUS_BACKGROUNDS).nullable(),
  font: z.enum(STATUS_FONTS).nullable(),
  /** Photo and video statuses: the file (bytes at /api/v1/media/:fileId; ciphertext for an encrypted status). */
  file: messageFileSchema.optional(),
  /** Kind "encrypted": the content, as the poster's device encrypted it for the audience. */
  encrypted: encryptedContentSchema.optional(),
  createdAt: instant,
  expiresAt: instant,
  /** Someone else's status: whether I saw it. My own: always true. */
  viewed: z.boolean(),
  /** My own statuses: how many people saw it (0 for others'). */
  viewCount: z.number().int().min(0),
});

/**
 * A message replying to a status carries this quote (a copy: the status itself goes after 24 hours):
 * whose status, its kind, text and look, or a photo's tiny placeholder. Of an encrypted status the server
 * knows only whose it is (kind "encrypted"): the reply, encrypted too, carries the rest inside.
 */
export const statusQuoteSchema = z.object({
  statusId: z.string(),
  userId: z.string(),
  kind: statusKindSchema,
  /** Cut at QUOTE_TEXT_MAX characters. */
  text: z.string(),
  background: z.enum(STATUS_BACKGROUNDS).nullable(),
  font: z.enum(STATUS_FONTS).nullable(),
  /** A photo's blurred placeholder (a data: URL); null for text and video. */
  thumbnail: z.string().nullable(),
});

/** Who saw one of my statuses, and when (GET /api/v1/statuses/:id/views), latest first. */
export const statusViewerSchema = z.object({ user: publicUserSchema, viewedAt: instant });

/** Pushed as `status:viewed` to the poster's devices (and the viewer's own, so their ring turns grey). */
export const statusViewedSchema = statusViewerSchema.extend({
  statusId: z.string(),
  /** The status's poster. */
  ownerId: z.string(),
});

/** Pushed as `status:removed` when statuses are deleted or expire: drop them. */
export const statusRemovedSchema = z.object({ userId: z.string(), statusIds: z.array(z.string()) });

// Messages

export const messageTypeSchema = z.enum([...SENDABLE_TYPES, "system", "deleted"]);

export const sharedLocationOutputSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
  /** Metres, as the device reported it (none for a point typed in). */
  accuracy: z.number().nullable(),
  /** A label: a place name or address. */
  name: z.string().nullable(),
});

/** A contact card: the user as they were when shared. */
export const sharedContactSchema = z.object({ userId: z.string(), displayName: z.string(), username: z.string() });

/** A quoted message: enough to show the quote. `type` null means it is gone (it disappeared). */
export const quotedMessageSchema = z.object({
  seq,
  senderId: z.string().nullable(),
  type: messageTypeSchema.nullable(),
  /** Its text or caption, cut at QUOTE_TEXT_MAX characters. */
  text: z.string(),
  file: messageFileSchema.pick({ fileId: true, fileName: true, mime: true, placeholder: true, duration: true, thumbnail: true }).optional(),
});

export const reactionSchema = z.object({ emoji: z.string(), userIds: z.array(z.string()) });

export const chatMessageSchema = z.object({
  /** Server id. */
  id: z.string(),
  /** The sender's client-generated id. */
  clientId: z.string(),
  conversationId: z.string(),
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq,
  senderId: z.string(),
  /** "system" messages record group events ("Ana added Ben"); their text is the rendered sentence. */
  type: messageTypeSchema,
  /** The message, or a file's caption (may be empty). */
  text: z.string(),
  createdAt: instant,
  /** The file of an image, video, audio, voice or document message. */
  file: messageFileSchema.optional(),
  location: sharedLocationOutputSchema.optional(),
  contact: sharedContactSchema.optional(),
  /** The message this one replies to, as it is now. */
  replyTo: quotedMessageSchema.optional(),
  /** The status this text message replies to, as it was then. */
  status: statusQuoteSchema.optional(),
  /** A text message: the preview of its link, as the sender's app made it. */
  linkPreview: linkPreviewSchema.optional(),
  /** How many times the content had been forwarded when this copy was sent (absent: not forwarded). */
  forwards: z.number().int().min(0).optional(),
  /** When the text was last edited (the earlier texts: GET .../messages/:seq/edits). */
  editedAt: instant.optional(),
  /** One per member at most, grouped by emoji in the order each was first used. */
  reactions: z.array(reactionSchema).optional(),
  /** The conversation's changeSeq at this message's last change (absent: never changed). */
  changedSeq: seq.optional(),
  /** Disappearing messages: when the server removes it. */
  expiresAt: instant.optional(),
  /** Type "encrypted": the content, for members' devices to decrypt (lib/contracts/e2ee.ts). */
  encrypted: encryptedContentSchema.optional(),
  /** Reactions to an encrypted message: one per member, each emoji encrypted. */
  sealedReactions: z.array(sealedReactionSchema).optional(),
});

/** Pushed as `message:updated` to every member: the message as it is now, after an edit, reaction or deletion. */
export const messageUpdateSchema = chatMessageSchema.extend({ changedSeq: seq });

/** One member's marks on a message. */
export const messageFlagStateSchema = z.object({
  seq,
  starred: z.boolean(),
  /** Deleted for me: no device of mine shows it. */
  hidden: z.boolean(),
});

/** Pushed as `message:flagged` to my devices: my flag on a message changed. */
export const flagUpdateSchema = messageFlagStateSchema.extend({
  conversationId: z.string(),
  /** My flagSeq in the conversation after the change. */
  flagSeq: seq,
});

/** Pushed as `message:removed`: messages that are gone (they disappeared) for everyone. */
export const messagesRemovedSchema = z.object({ conversationId: z.string(), seqs: z.array(seq) });

// Receipts and conversations

/** How far a member (`mine`), or every current member (`ticks`), has got: delivered up to deliveredSeq, read up to readSeq. */
export const watermarksSchema = z.object({ deliveredSeq: seq, readSeq: seq });

/** One member's watermarks: everything up to deliveredSeq reached a device of theirs; up to readSeq was seen. */
export const receiptStateSchema = z.object({
  conversationId: z.string(),
  userId: z.string(),
  deliveredSeq: seq,
  readSeq: seq,
  deliveredAt: instant.nullable(),
  readAt: instant.nullable(),
});

/** The answer to a report: my watermarks after it, and the conversation's ticks. */
export const receiptAckSchema = receiptStateSchema.extend({ ticks: watermarksSchema });

/**
 * Pushed as `receipt:updated` when watermarks move: to every member when the group's `ticks` moved, and
 * with `mine` to the devices of the member whose watermarks moved.
 */
export const receiptUpdateSchema = z.object({ conversationId: z.string(), ticks: watermarksSchema, mine: watermarksSchema.optional() });

export const conversationSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(["direct", "group"]),
  /** The other person in a direct chat; null in a group. */
  peer: publicUserSchema.nullable(),
  /** Name, members and settings of a group; null in a direct chat. */
  group: groupSummarySchema.nullable(),
  lastSeq: seq,
  lastMessage: chatMessageSchema.nullable(),
  /** End-to-end encrypted: every new message must be type "encrypted" (set by the first encrypted one; never unset). */
  encrypted: z.boolean(),
  /** Messages from others above my read watermark. */
  unreadCount: z.number().int().min(0),
  /** Of those, the ones that @mention me (groups). */
  unreadMentions: z.number().int().min(0),
  /** My own watermarks (my unread messages are those from others above readSeq). */
  mine: watermarksSchema,
  /**
   * The lowest watermarks among the current members: a message is Delivered once every member has it
   * (deliveredSeq >= its seq) and Read once every member has read it. Sending moves the sender's own
   * watermarks to the message, so the sender never holds their own ticks back.
   */
  ticks: watermarksSchema,
  createdAt: instant,
  lastMessageAt: instant.nullable(),
  /** Counts changes to messages; see sync's `changes` cursors. */
  changeSeq: seq,
  /** Counts changes to my flags (stars, deletions for me); see sync's `flags` cursors. */
  flagSeq: seq,
  /** Pinned messages' seqs (at most PINS_MAX), oldest pin first. */
  pinned: z.array(seq),
  /** Disappearing messages: seconds a new message lives (null: off). */
  disappearAfter: z.number().int().nullable(),
  /** My own settings for the chat. */
  pinnedAt: instant.nullable(),
  archived: z.boolean(),
  mutedUntil: instant.nullable(),
  /**
   * A message request to me: someone I had no chat or group with started this direct chat and I haven't
   * accepted it (POST .../accept, opening a chat with them, or replying). Until then they see no Delivered,
   * Read or presence of mine.
   */
  request: z.boolean(),
  /** I blocked the other person of this direct chat. */
  blocked: z.boolean(),
  /** This direct chat is a message request on the other person's side they haven't accepted: my messages stay at one tick. */
  peerRequest: z.boolean(),
  /** Clear chat: I no longer see messages up to this seq. */
  clearedSeq: seq,
  /** Delete chat: cleared, and out of my chat list until a newer message arrives. */
  deleted: z.boolean(),
  /** Mark as unread: shown unread until I read the chat again. */
  markedUnread: z.boolean(),
});

export const conversationSyncSchema = z.object({
  conversation: conversationSummarySchema,
  /** In seq order: after the device's cursor, or the latest page for a conversation it didn't know. */
  messages: z.array(chatMessageSchema),
  /**
   * The device's next cursor: it now has every message it may see up to this seq (messages deleted for
   * me, or gone, leave gaps in the seqs; the cursor passes them).
   */
  upTo: seq,
  /** Messages the device may hold that changed after its `changes` cursor, as they are now, in change order. */
  changed: z.array(chatMessageSchema),
  /** My flags that changed after the device's `flags` cursor. */
  flags: z.array(messageFlagStateSchema),
  /** The device's next `changes` and `flags` cursors for this conversation. */
  changesUpTo: seq,
  flagsUpTo: seq,
  /** More messages, changes or flags after these: ask again with the new cursors. */
  hasMore: z.boolean(),
});

export const syncPageSchema = z.object({ conversations: z.array(conversationSyncSchema) });

export const historyPageSchema = z.object({ messages: z.array(chatMessageSchema), hasMore: z.boolean() });

export const presenceStateSchema = z.object({ userId: z.string(), online: z.boolean(), lastSeenAt: instant.nullable() });

export const typingStateSchema = z.object({ conversationId: z.string(), userId: z.string(), typing: z.boolean() });

// Privacy

export const privacySettingsSchema = z.object({
  /** Last seen and online. Reciprocal: whoever I don't share mine with, I can't see theirs. */
  lastSeen: z.enum(VISIBILITIES),
  photo: z.enum(VISIBILITIES),
  about: z.enum(VISIBILITIES),
  groups: z.enum(GROUP_ADDERS),
  /** Off: in one-to-one chats others never get Read from me, and I don't see theirs (groups always send them). */
  readReceipts: z.boolean(),
  status: z.enum(STATUS_AUDIENCES),
  statusExcept: z.array(z.string()),
  statusOnly: z.array(z.string()),
  /** Calls from people who aren't my contacts don't ring: they show in my call log as missed. */
  silenceUnknownCallers: z.boolean(),
  /**
   * "Protect IP address in calls": my devices send and receive calls' media only through the server's TURN
   * relay (iceTransportPolicy "relay"), so the people I call never learn my IP address. Needs TURN_URLS.
   */
  relayCalls: z.boolean(),
  /**
   * My apps make previews of the links I send (the server fetches each page for me: it learns the link).
   * Off: they never ask, and POST /api/v1/link-previews refuses.
   */
  linkPreviews: z.boolean(),
});

/** PUT / DELETE /api/v1/users/:id/block and user:block answer whether the user is now blocked. */
export const blockStateSchema = z.object({ userId: z.string(), blocked: z.boolean() });

// Errors and acks

/** An error as REST answers it in { error } and a Socket.IO ack in { ok: false, error } (lib/contracts/errors.ts). */
export const apiErrorBodySchema = z.object({
  code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  field: z.string().optional(),
  retryAfter: z.number().optional(),
  supported: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
});

/** A send's outcome (message:send's ack, one entry of message:send-batch's): the stored message, or why it wasn't stored. */
export const sendResultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), data: z.object({ message: chatMessageSchema, duplicate: z.boolean() }) }),
  z.object({ ok: z.literal(false), error: apiErrorBodySchema }),
]);
