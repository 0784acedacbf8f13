// Socket.IO on the app's http.Server: handshake limited to the app's origins, every connection tied to
// a live server-side session (cookie or `auth: { token }`), and one room per user and per session.
import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server, type Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "../../lib/contracts/socket-events";
import { rooms } from "../../lib/rooms";
import { authenticate, sessionCookieName } from "../auth/authenticate";
import type { Env } from "../env";
import { registerGroupHandlers } from "./handlers/group.handlers";
import { registerMessagingHandlers } from "./handlers/messaging.handlers";
import { registerPresenceHandlers } from "./handlers/presence.handlers";
import type { PresenceTracker } from "./presence";

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function createIo(httpServer: HttpServer, env: Env, log: Logger): AppServer {
  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    // Other upgrade requests (Next's dev-mode hot reload) are routed by server/index.ts.
    destroyUpgrade: false,
    // Browsers always send Origin; refusing foreign ones stops cross-site WebSocket hijacking. Clients
    // that aren't browsers send none; they still need a valid token or session cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || env.allowedOrigins.includes(origin));
    },
  });

  io.use(async (socket, next) => {
    try {
      const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : undefined;
      const cookie = parseCookies(socket.handshake.headers.cookie)[sessionCookieName(env.secureCookies)];
      const caller = await authenticate(token ? `Bearer ${token}` : undefined, token ? undefined : cookie);
      if (!caller) return next(new Error("unauthorized"));
      socket.data = { userId: caller.userId, sessionId: caller.sessionId };
      log.debug({ socketId: socket.id, userId: caller.userId }, "socket connected");
      socket.on("disconnect", (reason) => log.debug({ socketId: socket.id, userId: caller.userId, reason }, "socket disconnected"));
      next();
    } catch (error) {
      log.error({ err: error, socketId: socket.id }, "socket authentication failed");
      next(new Error("internal"));
    }
  });

  return io;
}

/** Wires the event handlers; presence changes go to the sockets following that user. */
export function registerHandlers(io: AppServer, presence: PresenceTracker): void {
  io.on("connection", (socket) => {
    void socket.join([rooms.user(socket.data.userId), rooms.session(socket.data.sessionId)]);
    registerMessagingHandlers(socket);
    registerGroupHandlers(socket);
    registerPresenceHandlers(io, socket, presence);
  });
}
