// Per-user abuse limits (docs/api.md#limits). The budgets an abuser could spread over nodes (message
// requests, groups, reports) are counted in Redis in multi-node mode, like the sign-in limits. Those on
// every message or event (all sends, typing, socket events) are counted in this process: a Redis round
// trip on each would cost the hot path, and a user's flood arrives on the node its socket is on.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { TextKey } from "../lib/i18n/text";
import { type Counter, counter, createQuota, type LimiterOptions, type Quota } from "./auth/rate-limit";
import type { Limits } from "./env";
import { AppError, type ErrorText } from "./errors";

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

/** The wait in seconds under two minutes, else in minutes: the `{unit}` and `{wait}` of the limits' messages. */
const retryIn = (s: number) => (s < 120 ? { unit: "seconds", wait: s } : { unit: "minutes", wait: Math.ceil(s / 60) });

/** The rate_limited message `key` of errors.limits, saying how long to wait. */
const waitFor =
  (key: TextKey) =>
  (s: number): ErrorText => ({ key, values: retryIn(s) });

function afterTheFact(limiter: Counter, msg: (wait: number) => ErrorText): AfterTheFactQuota {
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
    sends: createQuota("sends", { limit: limits.sendsPerMinute, windowMs: 60_000 }, waitFor("errors.limits.sends")),
    requestSends: afterTheFact(
      counter("request-sends", { limit: limits.requestSendsPerHour, windowMs: HOUR }, options),
      waitFor("errors.limits.requestSends"),
    ),
    groups: createQuota("groups", { limit: limits.groupsPerHour, windowMs: HOUR }, waitFor("errors.limits.groups"), options),
    groupAdds: createQuota("group-adds", { limit: limits.groupAddsPerHour, windowMs: HOUR }, waitFor("errors.limits.groupAdds"), options),
    reports: createQuota("reports", { limit: limits.reportsPerHour, windowMs: HOUR }, waitFor("errors.limits.reports"), options),
    toDevice: createQuota("to-device", { limit: limits.toDevicePerHour, windowMs: HOUR }, waitFor("errors.limits.toDevice"), options),
    calls: createQuota("calls", { limit: limits.callsPerHour, windowMs: HOUR }, waitFor("errors.limits.calls"), options),
    linkPreviews: createQuota(
      "link-previews",
      { limit: limits.linkPreviewsPerMinute, windowMs: 60_000 },
      waitFor("errors.limits.linkPreviews"),
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
