// One process, one port: Next (pages), the REST API and Socket.IO share one http.Server.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import next from "next";
import { rooms } from "../lib/rooms";
import { createAbuseLimits } from "./abuse-limits";
import { CLIENT_IP_HEADER, clientIp } from "./auth/client-ip";
import { createPasswordChangeLimiter, createPasswordResetLimiter, createSignInLimiter, createSignUpLimiter } from "./auth/rate-limit";
import { deleteExpiredSessions } from "./auth/sessions";
import { createClock } from "./clock";
import { type AppContext, setContext } from "./context";
import { createDb } from "./db/client";
import { migrate, migrationsDir, readMigrations } from "./db/migrate";
import { EnvError, loadEnv, resolveEnv } from "./env";
import { type ApiRoute, createApiRouter } from "./http/api-router";
import { edgeRefusal, noStoreForApi, startingUp, writeError } from "./http/edge";
import { isEmojiDataRequest, serveEmojiData } from "./http/emoji-data";
import { tagRequest } from "./http/request-log";
import { applySecurityHeaders } from "./http/security-headers";
import { SERVICE_WORKER_PATH, serviceWorkerHandler } from "./http/service-worker";
import { staticAssets } from "./http/static-assets";
import { createTusUploads, isUploadRequest, type TusUploads } from "./http/tus-uploads";
import { collectWhenIdle } from "./idle-collect";
import { createLogger } from "./logger";
import { createMailer } from "./mail/mailer";
import { createMediaStorage } from "./media/create-storage";
import { createMetrics } from "./metrics";
import { adoptBuiltNextConfig } from "./next-config";
import { PushNotifier } from "./push/notifier";
import { vapidKeys } from "./push/vapid";
import { createIo, registerHandlers } from "./realtime/io";
import { MemoryPresence, type PresenceChange, type PresenceTracker } from "./realtime/presence";
import { createPublisher } from "./realtime/publisher";
import { RedisPresence } from "./realtime/redis-presence";
import { connectRedis } from "./redis";
import { prepareAdmins } from "./services/admins";
import { sweepCalls } from "./services/calls";
import { removeExpiredMessages } from "./services/chat-settings";
import { sendDigests } from "./services/email-digest";
import { deleteExpiredEmailTokens } from "./services/email-tokens";
import { forgetStaleDevices } from "./services/sign-in-alerts";
import { removeExpiredStatuses } from "./services/status";
import { createRuntimeProbe } from "./services/system-health";
import { lastSeenAt, recordLastSeen } from "./store/account-sql";
import { createDriver } from "./store/driver";
import { MessageStore } from "./store/message-store";

/** How often idle users drop to "last seen" (and, with Redis, this node renews its sockets there). */
const PRESENCE_SWEEP_MS = 10_000;
/** How often calls are swept (ring timeouts, quiet devices): a call ends at most this late. */
const CALL_SWEEP_MS = 3_000;
/** How long a draining node waits for its clients to reconnect elsewhere before closing their sockets. */
const DRAIN_GRACE_MS = 5_000;
/** A shutdown that takes longer than this exits with status 1. */
const SHUTDOWN_LIMIT_MS = 15_000;

/** Fault tests (TEST_CRASH_AFTER_COMMITS): dies like a power cut after that many commits of sends, before their acks. */
function crashAfter(commits: number | null): ((sends: number) => void) | undefined {
  if (commits === null) return undefined;
  let left = commits;
  return (sends) => {
    if (sends > 0 && --left === 0) process.kill(process.pid, "SIGKILL");
  };
}

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

  // In production Next is given the configuration its build resolved (see next-config.ts).
  if (!dev) adoptBuiltNextConfig(process.cwd());
  const app = next({ dev, dir: process.cwd() });
  const handle = app.getRequestHandler();
  // The REST API's handlers, called without Next in production (the bundle holds them: scripts/build-server.ts);
  // in development Next serves them, compiling each on demand.
  const apiRoutes: ApiRoute[] = dev ? [] : (await import("virtual:api-routes")).default;
  const serveApi = createApiRouter(apiRoutes, (err, req) => {
    // A client that went away mid-answer is not an error of ours.
    if (!req.socket.destroyed) ready?.log.error({ err, url: req.url }, "could not answer an API request");
  });
  let ready: AppContext | undefined;
  let uploads: TusUploads | undefined;
  const serveServiceWorker = serviceWorkerHandler(dev);
  // Build assets in brotli (in development Next serves what it compiles).
  const serveStatic = dev ? () => false : staticAssets(path.join(process.cwd(), ".next/static"));
  const httpServer = createServer((req, res) => {
    if (!ready || !uploads) return writeError(res, startingUp());
    tagRequest(req, res, ready.log, ready.env.trustProxy);
    applySecurityHeaders(req, res, { dev, https: ready.env.secureCookies });
    const refusal = edgeRefusal(req, Math.max(ready.env.mediaMaxBytes, ready.env.documentMaxBytes));
    if (refusal) return writeError(res, refusal);
    noStoreForApi(req, res);
    req.headers[CLIENT_IP_HEADER] = clientIp(req, ready.env.trustProxy);
    // Resumable uploads speak tus, which @tus/server handles on Node's own request and response.
    if (isUploadRequest(req.url)) void uploads.handle(req, res);
    else if (req.url === SERVICE_WORKER_PATH) serveServiceWorker(req, res);
    else if (isEmojiDataRequest(req.url)) serveEmojiData(req, res);
    else if (!serveApi(req, res) && !serveStatic(req, res)) void handle(req, res);
  });

  // Idle keep-alive connections stay open longer than the load balancers and clients that reuse them wait
  // (60 s is common): a connection closed by the server just as a client sends on it fails that request
  // (ECONNRESET; seen with Node's 5 s default under a test's polling).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

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
  const redis = env.redisUrl ? await connectRedis(env.redisUrl, env.redisPrefix, log) : null;
  const io = createIo(httpServer, env, log, redis);
  // What other nodes broadcast while Redis was away may be lost with it: this node's clients catch up.
  redis?.onRecovered(() => io.local.emit("sync:needed"));
  const now = createClock(env.testClockFile);
  const store = new MessageStore(createDriver(env.databaseUrl), now, crashAfter(env.crashAfterCommits));
  let draining = false;
  const runtime = createRuntimeProbe(
    () => io.engine.clientsCount,
    () => draining,
  );
  const onPresence: PresenceChange = (state) => {
    io.to(rooms.presence(state.userId)).volatile.emit("presence:updated", state);
    const at = state.lastSeenAt;
    // In the write queue, so a reconnect storm's last-seen writes share transactions.
    if (at)
      void store
        .transact((tx) => recordLastSeen(tx, state.userId, new Date(at)))
        .catch((err) => log.warn({ err }, "could not record last seen"));
  };
  const storedLastSeen = (userId: string) => lastSeenAt(store.reader, userId);
  const presence: PresenceTracker = redis
    ? new RedisPresence(redis, onPresence, storedLastSeen, log)
    : new MemoryPresence(onPresence, storedLastSeen);
  const metrics = createMetrics(() => io.engine.clientsCount);
  const push = new PushNotifier(await vapidKeys(db, env.vapidKeys), env.vapidSubject, db, log, metrics.pushes, (userIds) =>
    presence.connectedSessions(userIds),
  );
  const limiterOptions = redis ? { redis: { connections: redis, log } } : {};
  const context: AppContext = {
    env,
    db,
    store,
    log,
    signInLimiter: createSignInLimiter(limiterOptions),
    signUpLimiter: createSignUpLimiter(limiterOptions),
    passwordResetLimiter: createPasswordResetLimiter(limiterOptions),
    passwordChangeLimiter: createPasswordChangeLimiter(limiterOptions),
    limits: createAbuseLimits(env.limits, limiterOptions),
    mailer: createMailer({ smtpUrl: env.smtpUrl, from: env.mailFrom, dataDir: env.dataDir, log }),
    publisher: createPublisher(io, { store, db, env }, (userId) => presence.state(userId)),
    runtime,
    metrics,
    redis,
    media: await createMediaStorage(env),
    now,
    push,
  };
  setContext(context);
  await prepareAdmins(context);
  registerHandlers(io, context, presence);
  const presenceSweep = setInterval(() => void presence.sweep(), PRESENCE_SWEEP_MS);
  presenceSweep.unref();
  const stopIdleCollection = collectWhenIdle((before, after) =>
    log.debug({ heapBeforeMiB: Math.round(before / 2 ** 20), heapAfterMiB: Math.round(after / 2 ** 20) }, "quiet: memory given back"),
  );
  await app.prepare();
  // Socket.IO takes its own upgrades; in development Next's hot reload takes the rest.
  const nextUpgrade = dev ? app.getUpgradeHandler() : undefined;
  httpServer.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/socket.io/")) return;
    if (nextUpgrade) void nextUpgrade(req, socket, head);
    else socket.destroy();
  });
  uploads = await createTusUploads(context);
  const tusUploads = uploads;
  // Now (uploads abandoned while the server was down) and every hour.
  const sweepUploads = () => void tusUploads.cleanUp().catch((err) => log.warn({ err }, "expired upload sweep failed"));
  sweepUploads();
  const uploadSweep = setInterval(sweepUploads, 3_600_000);
  uploadSweep.unref();
  ready = context;
  // Disappearing messages: those whose time ran out while the server was down go now, the rest as they expire.
  const expire = () => void removeExpiredMessages(context).catch((err) => log.error({ err }, "disappearing message sweep failed"));
  expire();
  const expirySweep = setInterval(expire, env.disappearingSweepMs);
  expirySweep.unref();
  // Status updates 24 hours old, with their views and media: those that expired while the server was down go now.
  const expireStatuses = () => void removeExpiredStatuses(context).catch((err) => log.error({ err }, "status expiry sweep failed"));
  expireStatuses();
  const statusSweep = setInterval(expireStatuses, env.statusSweepMs);
  statusSweep.unref();
  // Calls nobody answered (45 s) and devices gone quiet in a call; a call left ringing by a dead node ends here too.
  const callSweep = setInterval(() => void sweepCalls(context).catch((err) => log.error({ err }, "call sweep failed")), CALL_SWEEP_MS);
  callSweep.unref();
  const sweep = setInterval(() => {
    void deleteExpiredSessions(context).catch((err) => log.error({ err }, "expired session sweep failed"));
    void deleteExpiredEmailTokens(context).catch((err) => log.error({ err }, "expired email link sweep failed"));
    void forgetStaleDevices(context).catch((err) => log.error({ err }, "stale sign-in device sweep failed"));
  }, 3_600_000);
  sweep.unref();
  // Unread-message digests (for the users who turned them on); several nodes may sweep at once (see email-digest.ts).
  const digestSweep = setInterval(
    () => void sendDigests(context).catch((err) => log.error({ err }, "email digest sweep failed")),
    env.digestSweepMs,
  );
  digestSweep.unref();
  log.info(
    { url: env.appUrl, port: env.port, database: env.databaseUrl.split(":")[0], multiNode: Boolean(redis) },
    `Chatterbox listening on ${env.appUrl}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    draining = true; // the health check answers 503 "draining" from now on
    log.info({ signal, sockets: io.engine.clientsCount }, "draining, then shutting down");
    const force = setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS);
    force.unref();
    httpServer.close(); // no new connections: the load balancer sends them to other nodes
    // Clients reconnect elsewhere (their outboxes resend whatever had no ack); the rest are closed after the grace.
    io.local.emit("server:draining");
    const graceEnds = Date.now() + DRAIN_GRACE_MS;
    while (io.engine.clientsCount > 0 && Date.now() < graceEnds) await new Promise((r) => setTimeout(r, 50));
    await new Promise<void>((resolve) => io.close(() => resolve()));
    httpServer.closeAllConnections();
    await app.close?.();
    await store.close(); // lets queued writes commit first
    await context.mailer.drain(); // emails already queued still go out
    await context.push.close(); // pushes for what was stored, while presence can still be asked
    await presence.close();
    runtime.stop();
    stopIdleCollection();
    await db.$disconnect();
    await redis?.close();
    log.info({ signal }, "stopped");
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
