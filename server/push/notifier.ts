// Sends Web Push (RFC 8030) with the server's VAPID keys, off the message path: work is queued and run
// a few jobs and a bounded number of HTTP requests at a time, so sends, acks and receipts never wait for
// a push service. A push service that says a subscription is gone (404/410) gets it deleted.
import http from "node:http";
import https from "node:https";
import type { Logger } from "pino";
import type { Counter } from "prom-client";
import webpush from "web-push";
import type { PushPayload } from "../../lib/contracts/notifications";
import type { Db } from "../db/client";
import type { VapidKeys } from "./vapid";

/** A push service keeps an undelivered push this long (the device may be off for a while). */
const TTL_SECONDS = 86_400;
/** Jobs (a batch of messages: lookups and sends) run this many at a time... */
const JOB_CONCURRENCY = 4;
/** ...and requests to push services this many at a time, across jobs. */
const SEND_CONCURRENCY = 16;
/** Beyond this many waiting jobs new ones are dropped (logged): a push service outage must not eat the heap. */
const BACKLOG_MAX = 10_000;
const SEND_TIMEOUT_MS = 10_000;
/**
 * How long a VAPID JWT is valid (push services accept up to 24 h). One is signed per push service and
 * reused until half of that has passed: signing it is most of the CPU a push costs (docs/performance.md).
 */
const VAPID_JWT_SECONDS = 12 * 3600;

export interface StoredSubscription {
  sessionId: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  /** The device's language (lib/i18n/locales.ts), what its notifications say things in. */
  locale: string;
}

export type Urgency = "very-low" | "low" | "normal" | "high";

/** What happened to one push: accepted by the push service, the subscription ended (removed), or another failure. */
type Outcome = "sent" | "gone" | "failed";

/** Runs async jobs at most `limit` at a time, in order. */
class Lanes {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private drained: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get backlog(): number {
    return this.waiting.length;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        this.running++;
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.next();
          });
      });
      this.next();
    });
  }

  /** Resolves once nothing runs or waits. */
  idle(): Promise<void> {
    if (!this.running && !this.waiting.length) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private next(): void {
    while (this.running < this.limit && this.waiting.length) this.waiting.shift()?.();
    if (!this.running && !this.waiting.length) for (const resolve of this.drained.splice(0)) resolve();
  }
}

export class PushNotifier {
  private readonly jobs = new Lanes(JOB_CONCURRENCY);
  private readonly sends = new Lanes(SEND_CONCURRENCY);
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  /** Per push service origin (the JWT's audience): its Authorization header, and when to sign a new one. */
  private readonly vapid = new Map<string, { header: string; renewAt: number }>();

  constructor(
    private readonly keys: VapidKeys,
    private readonly subject: string,
    private readonly db: Db,
    private readonly log: Logger,
    /** Counts each push by outcome (Metrics.pushes). */
    private readonly counted: Counter<"outcome">,
    /** Of these users' sessions, those with a connected socket (see PresenceTracker.connectedSessions). */
    readonly connectedSessions: (userIds: string[]) => Promise<Set<string>>,
  ) {}

  get publicKey(): string {
    return this.keys.publicKey;
  }

  /** Queues a job; returns at once. */
  enqueue(job: () => Promise<void>): void {
    if (this.jobs.backlog >= BACKLOG_MAX) {
      this.log.warn({ backlog: this.jobs.backlog }, "push queue full: a notification was dropped");
      this.counted.inc({ outcome: "dropped" });
      return;
    }
    void this.jobs.run(job).catch((err) => this.log.error({ err }, "push job failed"));
  }

  /** Sends one payload to each subscription and deletes those that ended. */
  async deliver(subscriptions: StoredSubscription[], payload: PushPayload, urgency: Urgency): Promise<{ sent: number; removed: number }> {
    const body = JSON.stringify(payload);
    const outcomes = await Promise.all(subscriptions.map((s) => this.sends.run(() => this.send(s, body, urgency))));
    for (const outcome of outcomes) this.counted.inc({ outcome });
    const gone = subscriptions.filter((_, i) => outcomes[i] === "gone").map((s) => s.endpoint);
    if (gone.length) await this.db.pushSubscription.deleteMany({ where: { endpoint: { in: gone } } });
    return { sent: outcomes.filter((o) => o === "sent").length, removed: gone.length };
  }

  /** Waits for queued pushes (at shutdown). */
  async close(): Promise<void> {
    // Pushes asked for in this turn of the event loop are batched into a job on the next (services/push.ts).
    await new Promise((resolve) => setImmediate(resolve));
    await this.jobs.idle();
    await this.sends.idle();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async send(subscription: StoredSubscription, body: string, urgency: Urgency): Promise<Outcome> {
    const host = new URL(subscription.endpoint).host;
    try {
      // Without vapidDetails web-push only encrypts; the Authorization header comes from the cache.
      const request = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        body,
        { TTL: TTL_SECONDS, urgency, contentEncoding: "aes128gcm" },
      );
      const headers = { ...request.headers, Authorization: this.authorization(subscription.endpoint) };
      const status = await this.post(subscription.endpoint, headers, request.body);
      if (status >= 200 && status < 300) return "sent";
      if (status === 404 || status === 410) return "gone";
      this.log.warn({ status, host }, "push service refused a notification");
    } catch (err) {
      this.log.warn({ err, host }, "push service unreachable");
    }
    return "failed";
  }

  /**
   * POSTs with Node's http(s) and keep-alive connections per push service (measured at half the CPU of
   * fetch's). Redirects aren't followed: the endpoint's host was checked when it was stored (an SSRF
   * guard), a redirect's isn't.
   */
  private post(endpoint: string, headers: Record<string, string | number>, body: Buffer): Promise<number> {
    const secure = endpoint.startsWith("https:");
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        endpoint,
        { method: "POST", headers, agent: secure ? this.agents.https : this.agents.http, timeout: SEND_TIMEOUT_MS },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS} ms`)));
      req.on("error", reject);
      req.end(body);
    });
  }

  private authorization(endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const now = Date.now();
    const cached = this.vapid.get(audience);
    if (cached && cached.renewAt > now) return cached.header;
    const expires = Math.floor(now / 1000) + VAPID_JWT_SECONDS;
    const { Authorization } = webpush.getVapidHeaders(
      audience,
      this.subject,
      this.keys.publicKey,
      this.keys.privateKey,
      "aes128gcm",
      expires,
    );
    this.vapid.set(audience, { header: Authorization, renewAt: now + (VAPID_JWT_SECONDS * 1000) / 2 });
    return Authorization;
  }
}
