// The columns the message store reads, as typed field lists of the tables (schema.ts), their converters
// into the contracts' types, and the SQL fragments the string-built *-sql.ts modules share.
import {
  type ChatMessage,
  isFileType,
  type MessageFlagState,
  type MessageType,
  type ReceiptState,
  SENDABLE_TYPES,
} from "../../lib/contracts/messaging";
import { fromDbTime, truthy } from "./driver";
import { ALL, type ConversationRow, type Membership } from "./message-types";
import type { DB } from "./schema";

/** What a message read returns: the columns a send writes and those later changes write. */
export const MESSAGE_FIELDS = [
  "id",
  "clientId",
  "conversationId",
  "seq",
  "senderId",
  "type",
  "text",
  "createdAt",
  "attachment",
  "replyToSeq",
  "forwards",
  "editedAt",
  "reactions",
  "changedSeq",
  "expiresAt",
] as const satisfies readonly (keyof DB["Message"])[];
export type MessageRow = Pick<DB["Message"], (typeof MESSAGE_FIELDS)[number]>;

export const CONVERSATION_FIELDS = [
  "id",
  "kind",
  "lastSeq",
  "lastMessageAt",
  "createdAt",
  "name",
  "description",
  "onlyAdminsSend",
  "onlyAdminsEdit",
  "inviteCode",
  "avatarKey",
  "changeSeq",
  "pinnedSeqs",
  "disappearAfter",
  "encrypted",
] as const satisfies readonly (keyof DB["Conversation"])[];
export type ConversationFields = Pick<DB["Conversation"], (typeof CONVERSATION_FIELDS)[number]>;

export const RECEIPT_FIELDS = [
  "conversationId",
  "userId",
  "deliveredSeq",
  "readSeq",
  "deliveredAt",
  "readAt",
] as const satisfies readonly (keyof DB["ConversationMember"])[];
export type ReceiptRow = Pick<DB["ConversationMember"], (typeof RECEIPT_FIELDS)[number]>;

type Member = DB["ConversationMember"];
export type MembershipRow = Pick<Member, "role" | "joinedSeq" | "leftSeq"> &
  Partial<
    Pick<Member, "pinnedAt" | "archived" | "mutedUntil" | "flagSeq" | "request" | "accepted" | "clearedSeq" | "deleted" | "markedUnread">
  >;

/** The message columns for SQL built as text (search-sql.ts, message-sql.ts). */
export const MESSAGE_COLUMNS = MESSAGE_FIELDS.map((c) => `"${c}"`).join(", ");

/** In SQL about a member `m`: the newest seq they may see (up to when they left), and whether `seq` is unread by them. */
export const upToLeft = `COALESCE(m."leftSeq", ${ALL.to})`;
export const unreadBy = (seq: string) => `${seq} > m."readSeq" AND ${seq} <= ${upToLeft}`;

/** In SQL: the message `alias` is not one `userId` (the next parameter) deleted for themselves. */
export const notHidden = (alias: string, userColumn = "?") =>
  `NOT EXISTS (SELECT 1 FROM "MessageFlag" f WHERE f."userId" = ${userColumn} AND f."conversationId" = ${alias}."conversationId" AND f."seq" = ${alias}."seq" AND f."hidden")`;

/** `columns` (a list above) on table `alias`. */
export const qualified = (columns: string, alias: string) =>
  columns
    .split(", ")
    .map((c) => `${alias}.${c}`)
    .join(", ");

const MESSAGE_TYPES: readonly string[] = [...SENDABLE_TYPES, "system", "deleted"];
const isMessageType = (type: string): type is MessageType => MESSAGE_TYPES.includes(type);
/** A time column that is never null. */
const time = (value: string | Date) => new Date(value).toISOString();

export const toMessage = (r: MessageRow): ChatMessage => {
  if (!isMessageType(r.type)) throw new Error(`Unknown message type ${r.type}`);
  const { type } = r;
  const message: ChatMessage = {
    id: r.id,
    clientId: r.clientId,
    conversationId: r.conversationId,
    seq: Number(r.seq),
    senderId: r.senderId,
    type,
    text: r.text,
    createdAt: time(r.createdAt),
  };
  // Filled in by withQuotes; until then the quote only knows where it points.
  if (r.replyToSeq != null) message.replyTo = { seq: Number(r.replyToSeq), senderId: null, type: null, text: "" };
  if (Number(r.forwards ?? 0) > 0) message.forwards = Number(r.forwards);
  if (r.editedAt != null) message.editedAt = time(r.editedAt);
  if (r.reactions != null) {
    if (type === "encrypted") message.sealedReactions = JSON.parse(r.reactions);
    else message.reactions = JSON.parse(r.reactions);
  }
  if (Number(r.changedSeq ?? 0) > 0) message.changedSeq = Number(r.changedSeq);
  if (r.expiresAt != null) message.expiresAt = time(r.expiresAt);
  if (r.attachment == null) return message;
  const attachment = JSON.parse(r.attachment);
  if (isFileType(type)) message.file = attachment;
  else if (type === "location") message.location = attachment;
  else if (type === "contact") message.contact = attachment;
  // A text message's attachment is the status it replies to, or { linkPreview } (never both: see sendMessageSchema).
  else if (type === "text" && attachment.linkPreview) message.linkPreview = attachment.linkPreview;
  else if (type === "text") message.status = attachment;
  else if (type === "encrypted") {
    message.encrypted = attachment.encrypted;
    if (attachment.status) message.status = attachment.status;
    if (attachment.file) message.file = attachment.file;
  }
  return message;
};

/**
 * The attachment column of a message as JSON: its file, location, contact, the status it replies to or
 * its link's preview (as { linkPreview }); an encrypted message's content (with the status it replies to,
 * and its file); null for other text.
 */
export const attachmentOf = (m: Pick<ChatMessage, "file" | "location" | "contact" | "status" | "linkPreview" | "encrypted">) => {
  const attachment = m.encrypted
    ? { encrypted: m.encrypted, ...(m.status ? { status: m.status } : {}), ...(m.file ? { file: m.file } : {}) }
    : (m.file ?? m.location ?? m.contact ?? m.status ?? (m.linkPreview ? { linkPreview: m.linkPreview } : undefined));
  return attachment ? JSON.stringify(attachment) : null;
};

export const toMembership = (r: MembershipRow): Membership => ({
  role: r.role === "admin" ? "admin" : "member",
  joinedSeq: Number(r.joinedSeq),
  leftSeq: r.leftSeq == null ? null : Number(r.leftSeq),
  pinnedAt: fromDbTime(r.pinnedAt),
  archived: truthy(r.archived),
  mutedUntil: fromDbTime(r.mutedUntil),
  flagSeq: Number(r.flagSeq ?? 0),
  request: truthy(r.request),
  accepted: truthy(r.accepted),
  clearedSeq: Number(r.clearedSeq ?? 0),
  deleted: truthy(r.deleted),
  markedUnread: truthy(r.markedUnread),
});

export const toConversation = (r: ConversationFields): ConversationRow => ({
  id: r.id,
  kind: r.kind,
  lastSeq: Number(r.lastSeq),
  lastMessageAt: fromDbTime(r.lastMessageAt),
  createdAt: time(r.createdAt),
  name: r.name ?? null,
  description: r.description ?? "",
  onlyAdminsSend: truthy(r.onlyAdminsSend),
  onlyAdminsEdit: truthy(r.onlyAdminsEdit),
  inviteCode: r.inviteCode ?? null,
  avatarKey: r.avatarKey ?? null,
  changeSeq: Number(r.changeSeq ?? 0),
  pinnedSeqs: JSON.parse(r.pinnedSeqs ?? "[]"),
  disappearAfter: r.disappearAfter == null ? null : Number(r.disappearAfter),
  encrypted: truthy(r.encrypted),
});

export const toReceipt = (r: ReceiptRow): ReceiptState => ({
  conversationId: r.conversationId,
  userId: r.userId,
  deliveredSeq: Number(r.deliveredSeq),
  readSeq: Number(r.readSeq),
  deliveredAt: fromDbTime(r.deliveredAt),
  readAt: fromDbTime(r.readAt),
});

export const toFlag = (r: Pick<DB["MessageFlag"], "seq" | "starredAt" | "hidden">): MessageFlagState => ({
  seq: Number(r.seq),
  starred: r.starredAt != null,
  hidden: truthy(r.hidden),
});
