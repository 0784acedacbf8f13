// Typed Socket.IO contract. Event names are `noun:verb`: client commands in the present tense, server
// facts in the past tense. Every command with an ack answers Ack<T> = { ok: true, data } | { ok: false, error }.
import type { Ack } from "./errors";
import type { CreateGroup, GroupInfo, GroupMemberCommand, UpdateGroup } from "./groups";
import type { ChatSettings, FlagUpdate, ForwardCommand, MessageRef, MessagesRemoved, MessageUpdate } from "./message-actions";
import type {
  ChatMessage,
  ConversationSummary,
  PresenceState,
  ReceiptAck,
  ReceiptReport,
  ReceiptUpdate,
  SendMessage,
  SendMessageBatch,
  SendResult,
  SyncPage,
  SyncRequest,
  TypingState,
} from "./messaging";
import type { BlockState, CreateReportInput, PrivacySettings, UpdatePrivacy } from "./privacy";
import type { PostStatus, Status, StatusRemoved, StatusViewed } from "./status";
import type { PublicUser } from "./users";

export interface ServerToClientEvents {
  /** A user's public profile changed (name, about or avatar). */
  "user:updated": (user: PublicUser) => void;
  /** This device's session was signed out; the server disconnects right after. */
  "session:revoked": () => void;
  /** A new message in one of my conversations (also sent to my other devices when I send). */
  "message:created": (message: ChatMessage) => void;
  /** A message was edited, reacted to or deleted for everyone: here it is as it is now. */
  "message:updated": (message: MessageUpdate) => void;
  /** I starred, unstarred or deleted a message for me on another device. */
  "message:flagged": (update: FlagUpdate) => void;
  /** Messages disappeared (their timer ran out): drop them. */
  "message:removed": (removed: MessagesRemoved) => void;
  /** A new status from me (another device) or from someone whose statuses I may see. */
  "status:posted": (status: Status) => void;
  /** Statuses were deleted by their poster or expired: drop them. */
  "status:removed": (removed: StatusRemoved) => void;
  /** Someone saw one of my statuses for the first time (or I saw someone's, on another device). */
  "status:viewed": (viewed: StatusViewed) => void;
  /** A group's info, settings or membership changed (also sent to a member who was just removed or left). */
  "conversation:updated": (conversation: ConversationSummary) => void;
  /** The conversation's ticks moved forward, or (with `mine`) my own watermarks did, reported by one of my devices. */
  "receipt:updated": (update: ReceiptUpdate) => void;
  /** Someone is typing (volatile; always typing: true, shown for 5 s unless renewed or a message from them arrives). */
  "typing:updated": (typing: TypingState) => void;
  /** A subscribed user came online or went offline (volatile). */
  "presence:updated": (presence: PresenceState) => void;
  /** This server is shutting down: reconnect (the load balancer picks another one); unacked sends are retried. */
  "server:draining": () => void;
  /** Live updates may have been missed (the servers' Redis was unreachable): sync from the cursors. */
  "sync:needed": () => void;
}

export interface ClientToServerEvents {
  /** Persist, then ack with the stored message (a retry with the same id acks the original). */
  "message:send": (payload: SendMessage, ack: (result: Ack<{ message: ChatMessage; duplicate: boolean }>) => void) => void;
  /**
   * Up to 100 messages, stored in order like as many message:send; acks one result per message, in order.
   * A message refused for good doesn't stop the ones after it; one that failed for a reason a retry can fix
   * answers the ones after it with the same error, unsent (so a retry keeps the order).
   */
  "message:send-batch": (payload: SendMessageBatch, ack: (result: Ack<SendResult[]>) => void) => void;
  /** This device stored everything up to seq. */
  "message:delivered": (payload: ReceiptReport, ack: (result: Ack<ReceiptAck>) => void) => void;
  /** The user saw everything up to seq. */
  "conversation:read": (payload: ReceiptReport, ack: (result: Ack<ReceiptAck>) => void) => void;
  /** Everything after the device's cursors, one page per call. */
  "sync:request": (payload: Partial<SyncRequest>, ack: (result: Ack<SyncPage>) => void) => void;
  /** I'm typing in this conversation (send at most every few seconds; expires after 5 s). */
  "typing:start": (payload: { conversationId: string }) => void;
  /** Follow these users' presence; acks their current state. */
  "presence:subscribe": (payload: { userIds: string[] }, ack: (result: Ack<PresenceState[]>) => void) => void;
  /** This device is in active use (sent while the tab is visible). */
  "presence:ping": () => void;
  /** Message actions, the same as the REST endpoints under /api/v1/conversations/:id/messages/:seq. */
  "message:edit": (payload: MessageRef & { text: string }, ack: (result: Ack<MessageUpdate>) => void) => void;
  "message:delete": (payload: MessageRef & { for: "me" | "everyone" }, ack: (result: Ack<MessageUpdate | FlagUpdate>) => void) => void;
  "message:react": (payload: MessageRef & { emoji: string | null }, ack: (result: Ack<MessageUpdate>) => void) => void;
  "message:star": (payload: MessageRef & { starred: boolean }, ack: (result: Ack<FlagUpdate>) => void) => void;
  "message:pin": (payload: MessageRef & { pinned: boolean }, ack: (result: Ack<ConversationSummary>) => void) => void;
  /** Copies a message to up to 5 chats (1 once it was forwarded many times); acks the copies in target order. */
  "message:forward": (payload: ForwardCommand, ack: (result: Ack<{ messages: ChatMessage[] }>) => void) => void;
  /** My settings for a chat: pinned, archived, muted. */
  "conversation:settings": (payload: ChatSettings & { conversationId: string }, ack: (result: Ack<ConversationSummary>) => void) => void;
  /** The chat's disappearing-message timer (seconds; 0 turns it off). */
  "conversation:disappearing": (
    payload: { conversationId: string; seconds: number },
    ack: (result: Ack<ConversationSummary>) => void,
  ) => void;
  /** Status commands, the same as the REST endpoints under /api/v1/statuses (a retried post acks the original). */
  "status:post": (payload: PostStatus, ack: (result: Ack<{ status: Status; duplicate: boolean }>) => void) => void;
  "status:view": (payload: { statusId: string }, ack: (result: Ack<StatusViewed>) => void) => void;
  "status:delete": (payload: { statusId: string }, ack: (result: Ack<StatusRemoved>) => void) => void;
  /** Group commands, the same as the REST endpoints under /api/v1/groups. */
  "group:create": (payload: CreateGroup, ack: (result: Ack<ConversationSummary>) => void) => void;
  "group:update": (payload: UpdateGroup & { conversationId: string }, ack: (result: Ack<GroupInfo>) => void) => void;
  "group:add-member": (payload: GroupMemberCommand, ack: (result: Ack<GroupInfo>) => void) => void;
  "group:remove-member": (payload: GroupMemberCommand, ack: (result: Ack<null>) => void) => void;
  "group:set-admin": (payload: GroupMemberCommand & { admin: boolean }, ack: (result: Ack<GroupInfo>) => void) => void;
  "group:leave": (payload: { conversationId: string }, ack: (result: Ack<null>) => void) => void;
  /** Privacy, blocking, message requests and reports: the same as PATCH /api/v1/users/me/privacy, PUT/DELETE
   * /api/v1/users/:id/block, POST /api/v1/conversations/:id/accept and POST /api/v1/reports. */
  "privacy:update": (payload: UpdatePrivacy, ack: (result: Ack<PrivacySettings>) => void) => void;
  "user:block": (payload: { userId: string; blocked: boolean }, ack: (result: Ack<BlockState>) => void) => void;
  "conversation:accept": (payload: { conversationId: string }, ack: (result: Ack<ConversationSummary>) => void) => void;
  "report:create": (payload: CreateReportInput, ack: (result: Ack<{ id: string }>) => void) => void;
}

/** Between server nodes (multi-node mode), through the Socket.IO adapter. */
export interface InterServerEvents {
  /** A group's membership changed: drop the cached member list. */
  "conversation:members-changed": (conversationId: string) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
}
