// Row mapping and the SQL fragments the message store shares with the other *-sql.ts modules.
import { type ChatMessage, isFileType, type MessageFlagState, type MessageType, type ReceiptState } from "../../lib/contracts/messaging";
import { fromDbTime, truthy } from "./driver";
import { ALL, type ConversationRow, type Membership } from "./message-types";

/** In SQL about a member `m`: the newest seq they may see (up to when they left), and whether `seq` is unread by them. */
export const upToLeft = `COALESCE(m."leftSeq", ${ALL.to})`;
export const unreadBy = (seq: string) => `${seq} > m."readSeq" AND ${seq} <= ${upToLeft}`;

const BASE_COLUMNS = `"id", "clientId", "conversationId", "seq", "senderId", "type", "text", "createdAt", "attachment"`;
/** What a read returns: the columns a send writes and those later changes write. */
export const MESSAGE_COLUMNS = `${BASE_COLUMNS}, "replyToSeq", "forwards", "editedAt", "reactions", "changedSeq", "expiresAt"`;
/** What an insert writes: what a send sets, with the file id (indexed, for download checks). */
export const INSERT_COLUMNS = `${BASE_COLUMNS}, "replyToSeq", "forwards", "expiresAt", "fileId"`;

export const RECEIPT_COLUMNS = `"conversationId", "userId", "deliveredSeq", "readSeq", "deliveredAt", "readAt"`;

export const CONVERSATION_COLUMNS = `"id", "kind", "lastSeq", "lastMessageAt", "createdAt", "name", "description", "onlyAdminsSend", "onlyAdminsEdit", "inviteCode", "avatarKey", "changeSeq", "pinnedSeqs", "disappearAfter"`;

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
export const attachmentOf = (m: Pick<ChatMessage, "file" | "location" | "contact" | "status">) => {
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

export const toConversation = (r: Record<string, unknown>): ConversationRow => ({
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

export const toReceipt = (r: Record<string, unknown>): ReceiptState => ({
  conversationId: r.conversationId as string,
  userId: r.userId as string,
  deliveredSeq: Number(r.deliveredSeq),
  readSeq: Number(r.readSeq),
  deliveredAt: fromDbTime(r.deliveredAt),
  readAt: fromDbTime(r.readAt),
});

/** `columns` (a list above) on table `alias`; with a prefix, each renamed "<prefix><column>" (see unqualified). */
export const qualified = (columns: string, alias: string, prefix = "") =>
  columns
    .split(", ")
    .map((c) => (prefix ? `${alias}.${c} AS "${prefix}${c.slice(1)}` : `${alias}.${c}`))
    .join(", ");

/** The columns of a row that `qualified` renamed with `prefix`, under their own names. */
export const unqualified = (r: Record<string, unknown>, prefix: string) =>
  Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));

export const toFlag = (r: Record<string, unknown>): MessageFlagState => ({
  seq: Number(r.seq),
  starred: r.starredAt != null,
  hidden: truthy(r.hidden),
});
