// Runs domain services in-process against a fresh, migrated SQLite database, recording what they publish: tests
// pass the returned context to the services, as the server does.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import webpush from "web-push";
import type { ChatMessage, ReceiptUpdate } from "../../lib/contracts/messaging";
import { createAbuseLimits } from "../../server/abuse-limits";
import {
  createPasswordChangeLimiter,
  createPasswordResetLimiter,
  createSignInLimiter,
  createSignUpLimiter,
} from "../../server/auth/rate-limit";
import type { AppContext } from "../../server/context";
import { createDb } from "../../server/db/client";
import { migrate, migrationsDir, readMigrations } from "../../server/db/migrate";
import { loadEnv, resolveEnv } from "../../server/env";
import type { Mailer } from "../../server/mail/mailer";
import { LocalDiskStorage } from "../../server/media/storage";
import { createMetrics } from "../../server/metrics";
import { PushNotifier } from "../../server/push/notifier";
import { createDriver } from "../../server/store/driver";
import { MessageStore } from "../../server/store/message-store";
import { freshSqliteUrl } from "./databases";

export interface Published {
  userUpdated: string[];
  sessionsRevoked: string[][];
  messageCreated: ChatMessage[];
  receiptUpdated: ReceiptUpdate[];
}

/** `url` defaults to a fresh SQLite file; pass the PostgreSQL test URL to run on PostgreSQL. */
export async function useServiceContext(
  url = freshSqliteUrl(),
): Promise<{ context: AppContext; published: Published; close: () => Promise<void> }> {
  await migrate(url, readMigrations(migrationsDir(url)));
  const env = resolveEnv(loadEnv({ DATABASE_URL: url, DATA_DIR: mkdtempSync(path.join(tmpdir(), "cbx-svc-")) }), 3000);
  const published: Published = { userUpdated: [], sessionsRevoked: [], messageCreated: [], receiptUpdated: [] };
  const db = createDb(url);
  const log = pino({ level: "silent" });
  const metrics = createMetrics(() => 0);
  const context: AppContext = {
    env,
    db,
    store: new MessageStore(createDriver(url)),
    log,
    signInLimiter: createSignInLimiter(),
    signUpLimiter: createSignUpLimiter(),
    passwordResetLimiter: createPasswordResetLimiter(),
    passwordChangeLimiter: createPasswordChangeLimiter(),
    limits: createAbuseLimits(env.limits),
    mailer: { send: () => {}, drain: async () => {} } satisfies Mailer,
    publisher: {
      userUpdated: async (id) => void published.userUpdated.push(id),
      privacyChanged: async () => {},
      relationChanged: async () => {},
      sessionsRevoked: (ids) => void published.sessionsRevoked.push(ids),
      messageCreated: (message) => void published.messageCreated.push(message),
      receiptUpdated: (_userId, update) => void published.receiptUpdated.push(update),
      conversationUpdated: async () => {},
      membersChanged: (id) => context.store.forget(id),
      messageUpdated: () => {},
      flagUpdated: () => {},
      messagesRemoved: () => {},
      statusPosted: () => {},
      statusRemoved: () => {},
      statusViewed: () => {},
      callUpdated: () => {},
      callSignal: () => {},
      devicesChanged: async () => {},
      toDeviceQueued: () => {},
    },
    runtime: { openSockets: () => 0, draining: () => false, takeEventLoopLag: () => ({ mean: 0, p99: 0, max: 0 }) },
    metrics,
    redis: null,
    media: new LocalDiskStorage(path.join(env.dataDir, "media")),
    now: () => new Date(),
    // No device is connected: messages to users with a push subscription would be pushed.
    push: new PushNotifier(webpush.generateVAPIDKeys(), env.vapidSubject, db, log, metrics.pushes, async () => new Set()),
  };
  return {
    context,
    published,
    close: async () => {
      await context.push.close();
      await context.store.close();
      await context.db.$disconnect();
    },
  };
}
