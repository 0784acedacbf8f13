// Socket.IO on the app's http.Server: handshake limited to the app's origins, every connection tied to
// a live server-side session (cookie or `auth: { token }`), and one room per user and per session.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Logger } from "pino";
import { Server, type Socket } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../../lib/contracts/socket-events";
import { rooms } from "../../lib/rooms";
import { authenticate, sessionCookieName } from "../auth/authenticate";
import { parseCookies } from "../auth/cookies";
import { type AppContext, ctx } from "../context";
import type { Env } from "../env";
import { AppError } from "../errors";
import { protocolRefusal } from "../protocol";
import type { RedisConnections } from "../redis";
import { limitEvents } from "./event-budget";
import { registerCallHandlers } from "./handlers/call.handlers";
import { registerGroupHandlers } from "./handlers/group.handlers";
import { registerMessageActionHandlers } from "./handlers/message-actions.handlers";
import { registerMessagingHandlers } from "./handlers/messaging.handlers";
import { handlersOf } from "./handlers/on";
import { registerPresenceHandlers } from "./handlers/presence.handlers";
import { registerPrivacyHandlers } from "./handlers/privacy.handlers";
import { registerStatusHandlers } from "./handlers/status.handlers";
import type { PresenceTracker } from "./presence";

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Multi-node mode: a client back within this long gets the packets it missed (and its rooms) from the
 * Redis stream, on whichever node it lands. Only a shortcut: the app's cursor sync after every reconnect
 * is what guarantees nothing is missed. One node doesn't turn it on: the in-memory adapter keeps every
 * broadcast of the window in the heap, which measured 150-200 MiB more memory and about a tenth fewer
 * tick cycles (docs/performance.md), for what the sync already does.
 */
const RECOVERY_WINDOW_MS = 2 * 60_000;
/** Entries the Redis stream keeps (multi-node): a node that falls this far behind loses broadcasts. */
const STREAM_MAX_LEN = 100_000;

export function createIo(httpServer: HttpServer, env: Env, log: Logger, redis: RedisConnections | null): AppServer {
  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    // Several nodes share one Redis stream: cross-node delivery that resumes after a Redis outage.
    adapter: redis
      ? createAdapter(redis.adapter, {
          streamName: redis.key("socket.io"),
          sessionKeyPrefix: redis.key("sio:session:"),
          maxLen: STREAM_MAX_LEN,
        })
      : undefined,
    // A recovered socket still goes through the middleware below: its session may have been revoked.
    connectionStateRecovery: redis ? { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false } : undefined,
    // Other upgrade requests (Next's dev-mode hot reload) are routed by server/index.ts.
    destroyUpgrade: false,
    // Browsers always send Origin; refusing foreign ones stops cross-site WebSocket hijacking. Clients
    // that aren't browsers send none; they still need a valid token or session cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || env.allowedOrigins.includes(origin));
    },
  });

  // This node's open sockets per user (LIMIT_SOCKETS_PER_USER).
  const open = new Map<string, number>();
  io.use(async (socket, next) => {
    // Before anything is looked up: an app too old (or too new) for this server is told to update, for good.
    const outdated = protocolRefusal(socket.handshake.auth?.protocol);
    if (outdated) return next(Object.assign(new Error(outdated.code), { data: outdated.toBody() }));
    try {
      const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : undefined;
      const cookie = parseCookies(socket.handshake.headers.cookie)[sessionCookieName(env.secureCookies)];
      const caller = await authenticate(ctx(), token ? `Bearer ${token}` : undefined, token ? undefined : cookie);
      if (!caller) return next(new Error("unauthorized"));
      if (!countSocket(open, caller.userId, socket, env.limits.socketsPerUser)) return next(tooManySockets(env.limits.socketsPerUser));
      socket.data = { userId: caller.userId, sessionId: caller.sessionId };
      log.debug({ socketId: socket.id, userId: caller.userId }, "socket connected");
      socket.on("disconnect", (reason) => log.debug({ socketId: socket.id, userId: caller.userId, reason }, "socket disconnected"));
      next();
    } catch (error) {
      // The session could not be looked up: the node is starting ("App context not initialised") or its
      // database is unreachable. That is no answer about the client, and a connect_error would be one:
      // socket.io-client takes it as final and never retries. Closing the connection instead is a
      // transport failure, which every Socket.IO client retries by itself after its randomized delay.
      log.warn({ err: error, socketId: socket.id }, "socket authentication unavailable: connection closed for the client to retry");
      socket.conn.close();
      next(new Error("unavailable")); // ignored by Socket.IO now the connection is closed; it frees the socket
    }
  });

  return io;
}

/** Counts the socket against its user's limit, until it disconnects (false: the user is at the limit). */
function countSocket(open: Map<string, number>, userId: string, socket: AppSocket, limit: number): boolean {
  const count = open.get(userId) ?? 0;
  if (count >= limit) return false;
  open.set(userId, count + 1);
  let counted = true;
  // A client gone while the middleware ran never gets "disconnect"; its connection still closes.
  const release = () => {
    if (!counted) return;
    counted = false;
    const left = (open.get(userId) ?? 1) - 1;
    if (left > 0) open.set(userId, left);
    else open.delete(userId);
  };
  socket.on("disconnect", release);
  socket.conn.once("close", release);
  return true;
}

/** The client's connect_error: message "rate_limited", and in `data` the shape of an ack's error. */
function tooManySockets(limit: number): Error {
  const retryAfter = 60;
  return Object.assign(new Error("rate_limited"), {
    data: new AppError("rate_limited", { key: "errors.limits.connections", values: { limit } }, { retryAfter }).toBody(),
  });
}

/** Wires the event handlers, which call the services with `app`; presence changes go to the sockets following that user. */
export function registerHandlers(io: AppServer, app: AppContext, presence: PresenceTracker): void {
  // Another node changed a group: its cached member list here is stale.
  io.on("conversation:members-changed", (conversationId) => app.store.forget(conversationId));
  io.on("connection", (socket) => {
    limitEvents(socket, app);
    void socket.join([rooms.user(socket.data.userId), rooms.session(socket.data.sessionId)]);
    const on = handlersOf(socket, app);
    registerMessagingHandlers(on, app);
    registerGroupHandlers(on, app);
    registerMessageActionHandlers(on, app);
    registerStatusHandlers(on, app);
    registerCallHandlers(on, app, socket);
    registerPresenceHandlers(on, io, socket, presence, app);
    registerPrivacyHandlers(on, app);
  });
}
