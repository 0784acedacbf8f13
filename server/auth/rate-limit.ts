// Failed sign-in and sign-up limiters: sliding one-minute windows per key (username, client IP). In
// process memory on one node; in Redis in multi-node mode, so every node counts the same attempts.
import type { Logger } from "pino";
import type { RedisConnections } from "../redis";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Seconds to wait before another attempt under these keys, or 0 when allowed. */
  retryAfter(keys: Record<string, string>): Promise<number>;
  record(keys: Record<string, string>): Promise<void>;
}

type Rules = Record<string, RateLimitRule>;

/** The rule and key id of each kind this limiter knows. */
const ruled = (rules: Rules, keys: Record<string, string>) =>
  Object.entries(keys).flatMap(([kind, key]) => (rules[kind] ? [{ id: `${kind}:${key}`, rule: rules[kind] }] : []));

class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly rules: Rules,
    private readonly now: () => number,
  ) {}

  async retryAfter(keys: Record<string, string>): Promise<number> {
    let wait = 0;
    for (const { id, rule } of ruled(this.rules, keys)) {
      const recent = this.recent(id, rule);
      if (recent.length >= rule.limit) {
        wait = Math.max(wait, Math.ceil((recent[recent.length - rule.limit] + rule.windowMs - this.now()) / 1000));
      }
    }
    return wait;
  }

  async record(keys: Record<string, string>): Promise<void> {
    if (this.hits.size > 50_000) this.sweep();
    for (const { id, rule } of ruled(this.rules, keys)) this.hits.set(id, [...this.recent(id, rule), this.now()]);
  }

  /** Drops keys with no recent hits, so one-off usernames and IPs don't pile up. */
  private sweep(): void {
    const longest = Math.max(...Object.values(this.rules).map((r) => r.windowMs));
    const cutoff = this.now() - longest;
    for (const [id, times] of this.hits) if ((times.at(-1) ?? 0) <= cutoff) this.hits.delete(id);
  }

  private recent(id: string, rule: RateLimitRule): number[] {
    const cutoff = this.now() - rule.windowMs;
    const kept = (this.hits.get(id) ?? []).filter((t) => t > cutoff);
    if (kept.length) this.hits.set(id, kept);
    else this.hits.delete(id);
    return kept;
  }
}

// One sorted set of attempt times per key. Trims the window, then the wait is until the attempt `limit`
// places back leaves it: the same arithmetic as the in-memory limiter, atomic across nodes.
const RETRY_AFTER = `
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i * 2])
  local window = tonumber(ARGV[i * 2 + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local n = redis.call('ZCARD', key)
  if n >= limit then
    local at = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
    wait = math.max(wait, math.ceil((tonumber(at[2]) + window - now) / 1000))
  end
end
return wait`;

class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly rules: Rules,
    private readonly now: () => number,
    private readonly redis: RedisConnections,
    private readonly log: Logger,
  ) {}

  // While Redis is unreachable the limits are not enforced (and say so in the log): refusing every
  // sign-in during an outage would lock everyone out to slow down a guesser.
  async retryAfter(keys: Record<string, string>): Promise<number> {
    const entries = ruled(this.rules, keys);
    try {
      const args = entries.flatMap(({ rule }) => [rule.limit, rule.windowMs]);
      return Number(await this.redis.app.eval(RETRY_AFTER, entries.length, ...entries.map((e) => this.key(e.id)), this.now(), ...args));
    } catch (err) {
      this.log.warn({ err }, "rate limit not checked: Redis unreachable");
      return 0;
    }
  }

  async record(keys: Record<string, string>): Promise<void> {
    const now = this.now();
    const batch = this.redis.app.multi();
    for (const { id, rule } of ruled(this.rules, keys)) {
      batch.zadd(this.key(id), now, `${now}-${Math.random().toString(36).slice(2, 10)}`).pexpire(this.key(id), rule.windowMs);
    }
    await batch.exec().catch((err) => this.log.warn({ err }, "rate limit attempt not recorded: Redis unreachable"));
  }

  private key(id: string): string {
    return this.redis.key(`limit:${id}`);
  }
}

export interface LimiterOptions {
  now?: () => number;
  /** Multi-node mode: count in Redis. */
  redis?: { connections: RedisConnections; log: Logger };
}

function createLimiter(rules: Rules, { now = Date.now, redis }: LimiterOptions): RateLimiter {
  return redis ? new RedisRateLimiter(rules, now, redis.connections, redis.log) : new MemoryRateLimiter(rules, now);
}

export function createSignInLimiter(options: LimiterOptions = {}): RateLimiter {
  return createLimiter({ username: { limit: 10, windowMs: 60_000 }, ip: { limit: 50, windowMs: 60_000 } }, options);
}

/** Sign-ups per client IP: each costs an argon2 hash, so unlimited sign-ups would be a cheap way to load the server. */
export function createSignUpLimiter(options: LimiterOptions = {}): RateLimiter {
  return createLimiter({ ip: { limit: 30, windowMs: 60_000 } }, options);
}

/** Wrong current passwords when changing it: the same limits as failed sign-ins, per account and client IP. */
export function createPasswordChangeLimiter(options: LimiterOptions = {}): RateLimiter {
  return createLimiter({ user: { limit: 10, windowMs: 60_000 }, ip: { limit: 50, windowMs: 60_000 } }, options);
}

/**
 * Password reset requests: each may send an email, so few per login (whether or not the account exists,
 * so the limit tells nothing) and per client IP.
 */
export function createPasswordResetLimiter(options: LimiterOptions = {}): RateLimiter {
  return createLimiter({ login: { limit: 5, windowMs: 15 * 60_000 }, ip: { limit: 20, windowMs: 15 * 60_000 } }, options);
}
