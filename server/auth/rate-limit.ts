// Rate limits on rate-limiter-flexible: a fixed window per key (it starts with the key's first hit). In
// process memory on one node; in Redis in multi-node mode, so every node counts the same attempts. While
// Redis is unreachable each node counts on its own in memory (the library's insurance limiter): limits
// stay enforced, only per node, and nobody is refused because Redis is down.
import type { Logger } from "pino";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError, type ErrorText } from "../errors";
import type { RedisConnections } from "../redis";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** Counts failures (or costly requests) under several keys, and says how long to wait once one is over. */
export interface RateLimiter {
  /** Seconds to wait before another attempt under these keys, or 0 when allowed. */
  retryAfter(keys: Record<string, string>): Promise<number>;
  record(keys: Record<string, string>): Promise<void>;
}

/** Throws AppError("rate_limited") with `message(wait)` (wait in seconds) while any of these keys is over its limit. */
export async function refuseWhileLimited(
  limiter: RateLimiter,
  keys: Record<string, string>,
  message: (wait: number) => ErrorText | string,
): Promise<void> {
  const wait = await limiter.retryAfter(keys);
  if (wait > 0) throw new AppError("rate_limited", message(wait), { retryAfter: wait });
}

/** A budget per key that each action spends from. */
export interface Quota {
  /** Spends `points` of `key`'s budget, or throws AppError("rate_limited") with the wait. */
  take(key: string, points?: number): Promise<void>;
}

export interface LimiterOptions {
  /** Multi-node mode: count in Redis. */
  redis?: { connections: RedisConnections; log: Logger };
}

export type Counter = RateLimiterMemory | RateLimiterRedis;

/** One counter: `limit` points per `windowMs`, named `name` (its Redis key prefix). */
export function counter(name: string, { limit, windowMs }: RateLimitRule, { redis }: LimiterOptions = {}): Counter {
  const rule = { points: limit, duration: Math.max(1, Math.ceil(windowMs / 1000)) };
  if (!redis) return new RateLimiterMemory(rule);
  return new RateLimiterRedis({
    ...rule,
    storeClient: redis.connections.app,
    keyPrefix: redis.connections.key(`limit:${name}`),
    // The app's connection fails fast (server/redis.ts); while it is down, count here instead of waiting.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(rule),
    // Once a key is over, further tries are refused here until its window ends, with no Redis round trip.
    inMemoryBlockOnConsumed: limit + 1,
  });
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** `msg(wait)` is the message of the rate_limited error (a key of errors.json and its values), `wait` in seconds. */
export function createQuota(
  name: string,
  rule: RateLimitRule,
  msg: (wait: number) => ErrorText | string,
  options: LimiterOptions = {},
): Quota {
  const limiter = counter(name, rule, options);
  return {
    async take(key, points = 1) {
      try {
        await limiter.consume(key, points);
      } catch (rejected) {
        if (!(rejected instanceof RateLimiterRes)) throw rejected;
        const wait = seconds(rejected.msBeforeNext);
        throw new AppError("rate_limited", msg(wait), { retryAfter: wait });
      }
    },
  };
}

/** A limiter with one rule per kind of key (e.g. username and IP); kinds without a rule are ignored. */
function createLimiter(name: string, rules: Record<string, RateLimitRule>, options: LimiterOptions = {}): RateLimiter {
  const counters = new Map(
    Object.entries(rules).map(([kind, rule]) => [kind, { rule, limiter: counter(`${name}:${kind}`, rule, options) }]),
  );
  const ruled = (keys: Record<string, string>) =>
    Object.entries(keys).flatMap(([kind, key]) => {
      const c = counters.get(kind);
      return c ? [{ ...c, key }] : [];
    });
  return {
    async retryAfter(keys) {
      const waits = await Promise.all(
        ruled(keys).map(async ({ rule, limiter, key }) => {
          const res = await limiter.get(key);
          return res && res.consumedPoints >= rule.limit ? seconds(res.msBeforeNext) : 0;
        }),
      );
      return Math.max(0, ...waits);
    },
    async record(keys) {
      // penalty() counts without refusing: whether to refuse is retryAfter's question.
      await Promise.all(ruled(keys).map(({ limiter, key }) => limiter.penalty(key, 1)));
    },
  };
}

/**
 * Failed sign-ins (see server/services/verify-credentials.ts for which keys a sign-in counts under). A
 * known device counts only its own failures, so nobody else's can slow it down; an unknown one is counted
 * per username and per client IP, with windows short enough that the wait is a slow-down, never a lockout.
 */
export function createSignInLimiter(options: LimiterOptions = {}): RateLimiter {
  return createLimiter(
    "sign-in",
    {
      device: { limit: 10, windowMs: 60_000 },
      username: { limit: 10, windowMs: 60_000 },
      ip: { limit: 50, windowMs: 60_000 },
    },
    options,
  );
}

/** Sign-ups per client IP: each costs an argon2 hash, so unlimited sign-ups would be a cheap way to load the server. */
export function createSignUpLimiter(options: LimiterOptions = {}): RateLimiter {
  return createLimiter("sign-up", { ip: { limit: 30, windowMs: 60_000 } }, options);
}

/** Wrong current passwords when changing it: the same limits as failed sign-ins, per account and client IP. */
export function createPasswordChangeLimiter(options: LimiterOptions = {}): RateLimiter {
  return createLimiter("password-change", { user: { limit: 10, windowMs: 60_000 }, ip: { limit: 50, windowMs: 60_000 } }, options);
}

/**
 * Password reset requests: each may send an email, so few per login (whether or not the account exists,
 * so the limit tells nothing) and per client IP.
 */
export function createPasswordResetLimiter(options: LimiterOptions = {}): RateLimiter {
  return createLimiter("password-reset", { login: { limit: 5, windowMs: 15 * 60_000 }, ip: { limit: 20, windowMs: 15 * 60_000 } }, options);
}
