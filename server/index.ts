// One process, one port: Next (pages + REST route handlers) and Socket.IO share one http.Server.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { rooms } from "../lib/rooms";
import { CLIENT_IP_HEADER, clientIp } from "./auth/client-ip";
import { createSignInLimiter, createSignUpLimiter } from "./auth/rate-limit";
import { deleteExpiredSessions } from "./auth/sessions";
import { type AppContext, setContext } from "./context";
import { createDb } from "./db/client";
import { migrate, migrationsDir, readMigrations } from "./db/migrate";
import { EnvError, loadEnv, resolveEnv } from "./env";
import { tagRequest } from "./http/request-log";
import { applySecurityHeaders } from "./http/security-headers";
import { createLogger } from "./logger";
import { createMetrics } from "./metrics";
import { createIo, registerHandlers } from "./realtime/io";
import { PresenceTracker } from "./realtime/presence";
import { createPublisher } from "./realtime/publisher";
import { createRuntimeProbe } from "./services/system-health";
import { lastSeenAt, recordLastSeen } from "./store/account-sql";
import { createDriver } from "./store/driver";
import { MessageStore } from "./store/message-store";

async function main(): Promise<void> {
  let base: ReturnType<typeof loadEnv>;
  try {
    base = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(base.logLevel);
  const dev = base.nodeEnv !== "production";

  const applied = await migrate(base.databaseUrl, readMigrations(migrationsDir(base.databaseUrl)));
  if (applied.length) log.info({ applied }, "database migrations applied");

  const app = next({ dev, dir: process.cwd() });
  const handle = app.getRequestHandler();
  let ready: AppContext | undefined;
  const httpServer = createServer((req, res) => {
    if (!ready) {
      res.writeHead(503, { "Content-Type": "text/plain", "Retry-After": "1" }).end("Starting up, try again in a moment");
      return;
    }
    tagRequest(req, res, ready.log, ready.env.trustProxy);
    applySecurityHeaders(req, res, { dev, https: ready.env.secureCookies });
    req.headers[CLIENT_IP_HEADER] = clientIp(req, ready.env.trustProxy);
    void handle(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    // A deep accept queue: after a restart or a network blip thousands of clients reconnect at once, and
    // connections the queue drops wait a full second for the SYN retry (the kernel caps it at somaxconn).
    httpServer.listen({ port: base.port, host: base.host, backlog: 4096 }, resolve);
  });
  const env = resolveEnv(base, (httpServer.address() as AddressInfo).port);
  // next-auth reads these from the environment.
  process.env.NEXTAUTH_URL = env.appUrl;
  process.env.NEXTAUTH_SECRET = env.authSecret;

  const db = createDb(env.databaseUrl);
  const io = createIo(httpServer, env, log);
  const store = new MessageStore(createDriver(env.databaseUrl));
  const runtime = createRuntimeProbe(() => io.engine.clientsCount);
  const context: AppContext = {
    env,
    db,
    store,
    log,
    signInLimiter: createSignInLimiter(),
    signUpLimiter: createSignUpLimiter(),
    publisher: createPublisher(io),
    runtime,
    metrics: createMetrics(() => io.engine.clientsCount),
  };
  setContext(context);
  const presence = new PresenceTracker(
    (state) => {
      io.to(rooms.presence(state.userId)).volatile.emit("presence:updated", state);
      const at = state.lastSeenAt;
      // In the write queue, so a reconnect storm's last-seen writes share transactions.
      if (at)
        void store
          .transact((tx) => recordLastSeen(tx, state.userId, new Date(at)))
          .catch((err) => log.warn({ err }, "could not record last seen"));
    },
    (userId) => lastSeenAt(store.reader, userId),
  );
  registerHandlers(io, presence);
  const presenceSweep = setInterval(() => presence.sweep(), 10_000);
  presenceSweep.unref();
  await app.prepare();
  // Socket.IO takes its own upgrades; in development Next's hot reload takes the rest.
  const nextUpgrade = dev ? app.getUpgradeHandler() : undefined;
  httpServer.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/socket.io/")) return;
    if (nextUpgrade) void nextUpgrade(req, socket, head);
    else socket.destroy();
  });
  ready = context;
  const sweep = setInterval(
    () => void deleteExpiredSessions().catch((err) => log.error({ err }, "expired session sweep failed")),
    3_600_000,
  );
  sweep.unref();
  log.info({ url: env.appUrl, port: env.port, database: env.databaseUrl.split(":")[0] }, `Chatterbox listening on ${env.appUrl}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    httpServer.close(); // stop accepting; io.close() below ends open sockets
    await new Promise<void>((resolve) => io.close(() => resolve()));
    httpServer.closeAllConnections();
    await app.close?.();
    await store.close(); // lets queued writes commit first
    runtime.stop();
    await db.$disconnect();
    log.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
