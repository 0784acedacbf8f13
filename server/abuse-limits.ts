// Per-user abuse limits (docs/api.md#limits). The budgets an abuser could spread over nodes (message
// requests, groups, reports) are counted in Redis in multi-node mode, like the sign-in limits. Those on
// every message or event (all sends, typing, socket events) are counted in this process: a Redis round
// trip on each would cost the hot path, and a user's flood arrives on the node its socket is on.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { type Counter, counter, createQuota, type LimiterOptions, type Quota } from "./auth/rate-limit";
import type { Limits } from "./env";
import { AppError } from "./errors";

const HOUR = 3_600_000;

/** A budget counted after the fact (whether an action spends from it is only known once it is done). */
export interface AfterTheFactQuota {
  /**
   * Throws AppError("rate_limited") if `key` used up its budget (known in this process, no round trip)
   * and `applies()` says this action would spend from it; `applies` is asked only then.
   */
  check(key: string, applies: () => Promise<boolean>): Promise<void>;
  /** Counts an action done; once that uses up the budget, check refuses until the window ends. */
  spent(key: string): Promise<void>;
}

export interface AbuseLimits {
  /** Every message sent (REST or socket), per user. */
  sends: Quota;
  /** Messages into a message request the other person hasn't accepted, per user. */
  requestSends: AfterTheFactQuota;
  groups: Quota;
  /** People added to groups, per adder. */
  groupAdds: Quota;
  reports: Quota;
  /** Payloads queued for other devices (to-device sends: one point per recipient device), per user. */
  toDevice: Quota;
  /** Calls started, per user. */
  calls: Quota;
  /** Links the user asked the server to preview (each is a fetch from the server). */
  linkPreviews: Quota;
  /** Whether this typing event may go out (false: drop it), per user. */
  typing(userId: string): Promise<boolean>;
  /**
   * Whether the user's sockets may send one more event (worth `cost` events: a batch): `wait` 0, else the seconds to wait; `flooding`
   * once they sent twice the budget in the window (the refusals are ignored: the connection is worth closing).
   */
  socketEvent(userId: string, cost?: number): Promise<{ wait: number; flooding: boolean }>;
}

const inWords = (s: number) => (s < 120 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`);

function afterTheFact(limiter: Counter, msg: (wait: number) => string): AfterTheFactQuota {
  const over = new Map<string, number>();
  const note = (key: string, res: RateLimiterRes) => void over.set(key, Date.now() + res.msBeforeNext);
  return {
    async check(key, applies) {
      const until = over.get(key);
      if (until === undefined) return;
      if (until <= Date.now()) {
        over.delete(key);
        return;
      }
      if (!(await applies())) return;
      const wait = Math.ceil((until - Date.now()) / 1000);
      throw new AppError("rate_limited", msg(wait), { retryAfter: wait });
    },
    async spent(key) {
      try {
        const res = await limiter.consume(key);
        if (res.remainingPoints <= 0) note(key, res);
      } catch (rejected) {
        if (!(rejected instanceof RateLimiterRes)) throw rejected;
        note(key, rejected);
      }
    },
  };
}

export function createAbuseLimits(limits: Limits, options: LimiterOptions = {}): AbuseLimits {
  const typing = new RateLimiterMemory({ points: limits.typingPerMinute, duration: 60 });
  const events = new RateLimiterMemory({ points: limits.socketEventsPer10s, duration: 10 });
  return {
    // In process on every node (see above): a quota without `options.redis`.
    sends: createQuota(
      "sends",
      { limit: limits.sendsPerMinute, windowMs: 60_000 },
      (s) => `You're sending messages too fast. Try again in ${inWords(s)}.`,
    ),
    requestSends: afterTheFact(
      counter("request-sends", { limit: limits.requestSendsPerHour, windowMs: HOUR }, options),
      (s) => `You've sent too many messages to people who haven't accepted your request yet. Try again in ${inWords(s)}.`,
    ),
    groups: createQuota(
      "groups",
      { limit: limits.groupsPerHour, windowMs: HOUR },
      (s) => `You've created too many groups. Try again in ${inWords(s)}.`,
      options,
    ),
    groupAdds: createQuota(
      "group-adds",
      { limit: limits.groupAddsPerHour, windowMs: HOUR },
      (s) => `You've added too many people to groups. Try again in ${inWords(s)}.`,
      options,
    ),
    reports: createQuota(
      "reports",
      { limit: limits.reportsPerHour, windowMs: HOUR },
      (s) => `You've sent too many reports. Try again in ${inWords(s)}.`,
      options,
    ),
    toDevice: createQuota(
      "to-device",
      { limit: limits.toDevicePerHour, windowMs: HOUR },
      (s) => `Your device has sent too many keys to others. Try again in ${inWords(s)}.`,
      options,
    ),
    calls: createQuota(
      "calls",
      { limit: limits.callsPerHour, windowMs: HOUR },
      (s) => `You've started too many calls. Try again in ${inWords(s)}.`,
      options,
    ),
    linkPreviews: createQuota(
      "link-previews",
      { limit: limits.linkPreviewsPerMinute, windowMs: 60_000 },
      (s) => `Too many link previews. Try again in ${inWords(s)}.`,
      options,
    ),
    typing: (userId) =>
      typing.consume(userId).then(
        () => true,
        () => false,
      ),
    // A batch costs at most the whole budget, so one of any size can go through once the budget is fresh.
    socketEvent: (userId, cost = 1) =>
      events.consume(userId, Math.min(cost, limits.socketEventsPer10s)).then(
        () => ({ wait: 0, flooding: false }),
        (res: RateLimiterRes) => ({
          wait: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
          flooding: res.consumedPoints >= 2 * limits.socketEventsPer10s,
        }),
      ),
  };
}
