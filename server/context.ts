// The process-wide services, created once at boot (server/index.ts). Services receive them as their
// first parameter (`app`), so what each one uses is in its signature. They are also kept on globalThis:
// Next compiles route handlers and pages separately from the custom server, and ctx() is how those
// reach the same context. Only the composition roots call it (the route adapter server/http/route.ts,
// the Socket.IO handshake in server/realtime/io.ts, next-auth's route and the pages; checked by
// test/architecture.test.ts): everything below them is handed the context.
import type { Logger } from "pino";
import type { Call, CallSignalPush } from "../lib/contracts/calls";
import type { FlagUpdate, MessagesRemoved, MessageUpdate } from "../lib/contracts/message-actions";
import type { ChatMessage, ReceiptUpdate, Watermarks } from "../lib/contracts/messaging";
import type { Status, StatusRemoved, StatusViewed } from "../lib/contracts/status";
import type { AbuseLimits } from "./abuse-limits";
import type { RateLimiter } from "./auth/rate-limit";
import type { Clock } from "./clock";
import type { Db } from "./db/client";
import type { Env } from "./env";
import type { Mailer } from "./mail/mailer";
import type { MediaStorage } from "./media/storage";
import type { Metrics } from "./metrics";
import type { PushNotifier } from "./push/notifier";
import type { RedisConnections } from "./redis";
import type { RuntimeProbe } from "./services/system-health";
import type { MessageStore } from "./store/message-store";

/** What the rest of the app may ask of the realtime layer (implemented in server/realtime). */
export interface Publisher {
  /**
   * A user's profile changed: the user, their contacts and those they share a conversation with get it,
   * each as they may see it (see profileAudiences in server/services/privacy.ts); nobody else.
   */
  userUpdated(userId: string): Promise<void>;
  /** A user's privacy settings changed: profiles re-sent, and presence followed or dropped where allowed now. */
  privacyChanged(userId: string): Promise<void>;
  /** How two users stand changed (a block, an unblock, an accepted message request): each sees the other anew. */
  relationChanged(userId: string, otherId: string): Promise<void>;
  /**
   * To every device of every member (the sender's other devices included), with the ticks if sending moved
   * them. `origin` is the sending connection's id: it has the message from its ack and is skipped.
   */
  messageCreated(message: ChatMessage, memberIds: string[], ticksMoved?: Watermarks, origin?: string): void;
  /** `update.mine` goes to the user's other devices (not `origin`); the ticks go to the other members only if they moved. */
  receiptUpdated(userId: string, update: ReceiptUpdate, memberIds: string[], ticksMoved: boolean, origin?: string): void;
  /** Each of these users gets their own fresh summary of the conversation (group info or membership changed). */
  conversationUpdated(conversationId: string, userIds: string[]): Promise<void>;
  /** An edit, reaction or deletion for everyone: the message as it is now, to every device of every member. */
  messageUpdated(message: MessageUpdate, memberIds: string[]): void;
  /** My star or deletion for me, to my other devices (not `origin`). */
  flagUpdated(userId: string, update: FlagUpdate, origin?: string): void;
  /** Messages that disappeared, to every member. */
  messagesRemoved(removed: MessagesRemoved, memberIds: string[]): void;
  /** A new status: to the poster's other devices (not `origin`) and to its audience (`audienceIds`, as unseen). */
  statusPosted(status: Status, audienceIds: string[], origin?: string): void;
  /** Statuses deleted or expired, to these users (the poster, the audience, those who saw them). */
  statusRemoved(removed: StatusRemoved, userIds: string[]): void;
  /** A first view of a status: to the poster's devices (the viewer list) and the viewer's (the ring turns grey). */
  statusViewed(viewed: StatusViewed): void;
  /** Tells the sessions' sockets they were signed out, then disconnects them. */
  sessionsRevoked(sessionIds: string[]): void;
  /** A user's devices changed (keys of a new device, a device signed out): the user and everyone sharing a conversation with them hear it. */
  devicesChanged(userId: string): Promise<void>;
  /** Payloads were queued for the devices of these sessions: each fetches its to-device inbox. */
  toDeviceQueued(sessionIds: string[]): void;
  /** A group's membership changed: every node drops its cached member list. */
  membersChanged(conversationId: string): void;
  /** Where a call stands now: to every device of these users (ringing ones show it; the rest follow it). */
  callUpdated(call: Call, userIds: string[]): void;
  /** A call signal for one device (a session), from another device in the call. */
  callSignal(sessionId: string, signal: CallSignalPush): void;
}

export interface AppContext {
  env: Env;
  db: Db;
  /** Messages, receipts and sync (driver-level, group commit). */
  store: MessageStore;
  log: Logger;
  signInLimiter: RateLimiter;
  signUpLimiter: RateLimiter;
  /** Password reset requests, per client IP and per login. */
  passwordResetLimiter: RateLimiter;
  /** Wrong current passwords given to change it, per account and client IP. */
  passwordChangeLimiter: RateLimiter;
  /** Per-user abuse limits: sends, message requests, groups, reports, typing, socket events. */
  limits: AbuseLimits;
  /** Sends email in the background (SMTP, or .eml files in DATA_DIR/outbox). */
  mailer: Mailer;
  publisher: Publisher;
  /** Open sockets and event-loop lag, for the health check. */
  runtime: RuntimeProbe;
  /** Prometheus counters and histograms (GET /metrics). */
  metrics: Metrics;
  /** Multi-node mode's Redis (null on a single node). */
  redis: RedisConnections | null;
  /** Where media bytes are stored (content-addressed). */
  media: MediaStorage;
  /** The time now (tests can move it: see server/clock.ts). */
  now: Clock;
  /** Web Push: the queue and sender (server/services/push.ts decides who gets what). */
  push: PushNotifier;
}

/** What reading needs (the message store and Prisma): a function taking only this changes nothing and tells nobody. */
export type ReadContext = Pick<AppContext, "store" | "db">;

const KEY = Symbol.for("chatterbox.context");
type Holder = { [KEY]?: AppContext };

export function setContext(ctx: AppContext | undefined): void {
  (globalThis as Holder)[KEY] = ctx;
}

export function ctx(): AppContext {
  const c = (globalThis as Holder)[KEY];
  if (!c) throw new Error("App context not initialised: start the app with server/index.ts");
  return c;
}
