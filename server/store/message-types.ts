// The message store's inputs and outputs, shared by its planning, SQL and the services that call it.

import type { EncryptedContent } from "../../lib/contracts/e2ee";
import type { LinkPreview } from "../../lib/contracts/link-preview";
import type {
  ChatMessage,
  MessageFile,
  MessageType,
  ReceiptState,
  SharedContact,
  SharedLocation,
  Watermarks,
} from "../../lib/contracts/messaging";
import type { StatusQuote } from "../../lib/contracts/status";

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
  /** A text message: the preview of its link, as the sender's app made it (checked by the contract). */
  linkPreview?: LinkPreview;
  /** Lower-cased usernames @mentioned in the text; those who are current members (not the sender) are recorded. */
  mentions?: string[];
  /** The seq of the message it replies to: one the sender may see, in the same conversation (else 404). */
  replyTo?: number;
  /** A forwarded copy: how many times its content has now been forwarded. */
  forwards?: number;
  /** Type "encrypted": the content as the sender's device encrypted it (stored whole, never opened). */
  encrypted?: EncryptedContent;
  /** Type "encrypted": the user ids it @mentions (those who are current members, not the sender, are recorded). */
  mentionIds?: string[];
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
  /** It was the chat's first encrypted message: the chat is end-to-end encrypted from now on. */
  encryptionStarted?: boolean;
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
  /** Clear chat: the member no longer sees messages up to here. */
  clearedSeq?: number;
  /** Delete chat: cleared and out of the member's list until a newer message. */
  deleted?: boolean;
  /** Mark as unread, until the member reads the chat. */
  markedUnread?: boolean;
}

/** The seq after which a member sees messages: when they joined, or last cleared the chat. */
export const visibleAfter = (m: Pick<Membership, "joinedSeq" | "clearedSeq">): number => Math.max(m.joinedSeq, m.clearedSeq ?? 0);
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
  /** A direct chat's other member has it as a message request they haven't accepted. */
  otherRequest: boolean;
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
  encrypted: boolean;
}

/** The seqs a member may see: after `from` (when they joined) up to `to` (when they left, or SEQ_MAX). */
export interface SeqWindow {
  from: number;
  to: number;
}
export const ALL: SeqWindow = { from: 0, to: 2_147_483_647 };
