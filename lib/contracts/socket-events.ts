// The Socket.IO contract: one registry of every event, with the zod schema of its payload and, for a
// client command, of its ack's data. The typed event maps Socket.IO uses are derived from it, so a
// payload type can't drift from the schema the server validates it with. Event names are `noun:verb`:
// client commands in the present tense, server facts in the past tense. Every command with an ack
// answers Ack<T> = { ok: true, data } | { ok: false, error }.
import { type ZodType, z } from "zod";
import {
  answerCallCommandSchema,
  callRefSchema,
  callSchema,
  callSignalPushSchema,
  callSignalSchema,
  callUpdatedSchema,
  hangupCommandSchema,
  startCallSchema,
  startedCallSchema,
} from "./calls";
import { keyChangesPushSchema } from "./e2ee";
import type { Ack } from "./errors";
import { createGroupSchema, groupMemberCommandSchema, groupRefSchema, setAdminCommandSchema, updateGroupCommandSchema } from "./groups";
import {
  chatSettingsCommandSchema,
  clearChatCommandSchema,
  deleteMessageCommandSchema,
  disappearingCommandSchema,
  editMessageCommandSchema,
  forwardSchema,
  pinMessageCommandSchema,
  reactCommandSchema,
  starCommandSchema,
} from "./message-actions";
import {
  entityIdSchema,
  presenceSubscribeSchema,
  receiptReportSchema,
  sendMessageBatchSchema,
  sendMessageSchema,
  syncRequestSchema,
  typingSchema,
} from "./messaging";
import {
  blockStateSchema,
  chatMessageSchema,
  conversationSummarySchema,
  flagUpdateSchema,
  groupInfoSchema,
  messagesRemovedSchema,
  messageUpdateSchema,
  presenceStateSchema,
  privacySettingsSchema,
  publicUserSchema,
  receiptAckSchema,
  receiptUpdateSchema,
  sendResultSchema,
  statusRemovedSchema,
  statusSchema,
  statusViewedSchema,
  syncPageSchema,
  typingStateSchema,
} from "./outputs";
import { blockSchema, createReportSchema, updatePrivacySchema } from "./privacy";
import { postStatusSchema, statusRefSchema } from "./status";

/** A command the server answers with an ack; `payload` validates what comes in, `result` is the ack's data. */
interface Command<P extends ZodType = ZodType, R extends ZodType = ZodType> {
  payload: P;
  result: R;
}
/** A fire-and-forget event: no ack; an invalid payload is dropped. `payload: null`: the event carries none. */
interface Signal<P extends ZodType | null = ZodType | null> {
  payload: P;
  result: null;
}
const command = <P extends ZodType, R extends ZodType>(payload: P, result: R): Command<P, R> => ({ payload, result });
const signal = <P extends ZodType | null>(payload: P): Signal<P> => ({ payload, result: null });

const conversationRefSchema = z.object({ conversationId: entityIdSchema });

/** Every event a client may emit. */
export const clientEvents = {
  /** Persist, then ack with the stored message (a retry with the same id acks the original). */
  "message:send": command(sendMessageSchema, z.object({ message: chatMessageSchema, duplicate: z.boolean() })),
  /**
   * Up to 100 messages, stored in order like as many message:send; acks one result per message, in order.
   * A message refused for good doesn't stop the ones after it; one that failed for a reason a retry can fix
   * answers the ones after it with the same error, unsent (so a retry keeps the order).
   */
  "message:send-batch": command(sendMessageBatchSchema, z.array(sendResultSchema)),
  /** This device stored everything up to seq. */
  "message:delivered": command(receiptReportSchema, receiptAckSchema),
  /** The user saw everything up to seq. */
  "conversation:read": command(receiptReportSchema, receiptAckSchema),
  /** Everything after the device's cursors, one page per call. */
  "sync:request": command(syncRequestSchema, syncPageSchema),
  /** I'm typing in this conversation (send at most every few seconds; expires after 5 s). */
  "typing:start": signal(typingSchema),
  /** Follow these users' presence; acks their current state. */
  "presence:subscribe": command(presenceSubscribeSchema, z.array(presenceStateSchema)),
  /** This device is in active use (sent while the tab is visible). */
  "presence:ping": signal(null),
  /** Message actions, the same as the REST endpoints under /api/v1/conversations/:id/messages/:seq. */
  "message:edit": command(editMessageCommandSchema, messageUpdateSchema),
  "message:delete": command(deleteMessageCommandSchema, z.union([messageUpdateSchema, flagUpdateSchema])),
  "message:react": command(reactCommandSchema, messageUpdateSchema),
  "message:star": command(starCommandSchema, flagUpdateSchema),
  "message:pin": command(pinMessageCommandSchema, conversationSummarySchema),
  /** Copies a message to up to 5 chats (1 once it was forwarded many times); acks the copies in target order. */
  "message:forward": command(forwardSchema, z.object({ messages: z.array(chatMessageSchema) })),
  /** My settings for a chat: pinned, archived, muted, marked unread. */
  "conversation:settings": command(chatSettingsCommandSchema, conversationSummarySchema),
  /** The chat's disappearing-message timer (seconds; 0 turns it off). */
  "conversation:disappearing": command(disappearingCommandSchema, conversationSummarySchema),
  /** Clear chat, or Delete chat (see clearChatSchema). */
  "conversation:clear": command(clearChatCommandSchema, conversationSummarySchema),
  /** Status commands, the same as the REST endpoints under /api/v1/statuses (a retried post acks the original). */
  "status:post": command(postStatusSchema, z.object({ status: statusSchema, duplicate: z.boolean() })),
  "status:view": command(statusRefSchema, statusViewedSchema),
  "status:delete": command(statusRefSchema, statusRemovedSchema),
  /** Calls, the same as the REST endpoints under /api/v1/calls. */
  "call:start": command(startCallSchema, startedCallSchema),
  "call:answer": command(answerCallCommandSchema, z.object({ call: callSchema })),
  "call:hangup": command(hangupCommandSchema, z.object({ call: callSchema })),
  /** A signal (SDP, ICE candidate) for another device in the call; acked once relayed. */
  "call:signal": command(callSignalSchema, z.object({ relayed: z.literal(true) })),
  /** This device is still in the call (every CALL_HEARTBEAT_MS; one silent for CALL_QUIET_MS has left it). */
  "call:heartbeat": signal(callRefSchema),
  /** Group commands, the same as the REST endpoints under /api/v1/groups. */
  "group:create": command(createGroupSchema, conversationSummarySchema),
  "group:update": command(updateGroupCommandSchema, groupInfoSchema),
  "group:add-member": command(groupMemberCommandSchema, groupInfoSchema),
  "group:remove-member": command(groupMemberCommandSchema, z.null()),
  "group:set-admin": command(setAdminCommandSchema, groupInfoSchema),
  "group:leave": command(groupRefSchema, z.null()),
  /** Privacy, blocking, message requests and reports: the same as PATCH /api/v1/users/me/privacy, PUT/DELETE
   * /api/v1/users/:id/block, POST /api/v1/conversations/:id/accept and POST /api/v1/reports. */
  "privacy:update": command(updatePrivacySchema, privacySettingsSchema),
  "user:block": command(blockSchema, blockStateSchema),
  "conversation:accept": command(conversationRefSchema, conversationSummarySchema),
  "report:create": command(createReportSchema, z.object({ id: z.string() })),
} satisfies Record<string, Command | Signal>;

/** Every event the server emits to clients; `null`: the event carries no payload. */
export const serverEvents = {
  /** A user's public profile changed (name, about or avatar). */
  "user:updated": publicUserSchema,
  /** This device's session was signed out; the server disconnects right after. */
  "session:revoked": null,
  /** A new message in one of my conversations (also sent to my other devices when I send). */
  "message:created": chatMessageSchema,
  /** A message was edited, reacted to or deleted for everyone: here it is as it is now. */
  "message:updated": messageUpdateSchema,
  /** I starred, unstarred or deleted a message for me on another device. */
  "message:flagged": flagUpdateSchema,
  /** Messages disappeared (their timer ran out): drop them. */
  "message:removed": messagesRemovedSchema,
  /** A new status from me (another device) or from someone whose statuses I may see. */
  "status:posted": statusSchema,
  /** Statuses were deleted by their poster or expired: drop them. */
  "status:removed": statusRemovedSchema,
  /** Someone saw one of my statuses for the first time (or I saw someone's, on another device). */
  "status:viewed": statusViewedSchema,
  /** A group's info, settings or membership changed (also sent to a member who was just removed or left). */
  "conversation:updated": conversationSummarySchema,
  /** The conversation's ticks moved forward, or (with `mine`) my own watermarks did, reported by one of my devices. */
  "receipt:updated": receiptUpdateSchema,
  /** Someone is typing (volatile; always typing: true, shown for 5 s unless renewed or a message from them arrives). */
  "typing:updated": typingStateSchema,
  /** A subscribed user came online or went offline (volatile). */
  "presence:updated": presenceStateSchema,
  /** This server is shutting down: reconnect (the load balancer picks another one); unacked sends are retried. */
  "server:draining": null,
  /** These users' devices changed (crypto ids): fetch their device keys again (GET /api/v1/keys/changes has the same, with a cursor). */
  "keys:changed": keyChangesPushSchema,
  /** Payloads wait in this device's to-device inbox: fetch them (GET /api/v1/to-device). */
  "to-device:queued": null,
  /** Live updates may have been missed (the servers' Redis was unreachable): sync from the cursors. */
  "sync:needed": null,
  /** A call I'm in (or ringing for) changed: where it stands now. */
  "call:updated": callUpdatedSchema,
  /** A signal for this device from another device in a call. */
  "call:signal": callSignalPushSchema,
} satisfies Record<string, ZodType | null>;

type ClientEvents = typeof clientEvents;
export type ClientEvent = keyof ClientEvents;
/** The client commands that take an ack, and the events that don't. */
export type CommandEvent = { [E in ClientEvent]: ClientEvents[E] extends Command ? E : never }[ClientEvent];
export type SignalEvent = Exclude<ClientEvent, CommandEvent>;

/** What a client sends with `event` (fields with defaults may be left out). */
export type PayloadOf<E extends ClientEvent> = ClientEvents[E]["payload"] extends ZodType ? z.input<ClientEvents[E]["payload"]> : never;
/** What the server hands its handler once the payload passed its schema. */
export type ParsedPayloadOf<E extends ClientEvent> = ClientEvents[E]["payload"] extends ZodType
  ? z.output<ClientEvents[E]["payload"]>
  : never;
/** The data of a command's successful ack. */
export type ResultOf<E extends CommandEvent> = z.output<ClientEvents[E]["result"]>;

type ClientListener<E extends ClientEvent> = E extends CommandEvent
  ? (payload: PayloadOf<E>, ack: (result: Ack<ResultOf<E>>) => void) => void
  : ClientEvents[E]["payload"] extends ZodType
    ? (payload: PayloadOf<E>) => void
    : () => void;

export type ClientToServerEvents = { [E in ClientEvent]: ClientListener<E> };

type ServerEvents = typeof serverEvents;
export type ServerEvent = keyof ServerEvents;
/** What the server pushes with `event`. */
export type ServerPayloadOf<E extends ServerEvent> = ServerEvents[E] extends ZodType ? z.output<ServerEvents[E]> : never;

export type ServerToClientEvents = {
  [E in ServerEvent]: ServerEvents[E] extends ZodType ? (payload: ServerPayloadOf<E>) => void : () => void;
};

/** Between server nodes (multi-node mode), through the Socket.IO adapter. */
export interface InterServerEvents {
  /** A group's membership changed: drop the cached member list. */
  "conversation:members-changed": (conversationId: string) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
}
