// Failed sign-in limiter: sliding one-minute windows per username and per client IP, in memory
// (one process; multi-node mode moves this to Redis in a later issue).
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly rules: Record<string, RateLimitRule>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before another attempt under these keys, or 0 when allowed. */
  retryAfter(keys: Record<string, string>): number {
    let wait = 0;
    for (const [kind, key] of Object.entries(keys)) {
      const rule = this.rules[kind];
      if (!rule) continue;
      const recent = this.recent(`${kind}:${key}`, rule);
      if (recent.length >= rule.limit) {
        wait = Math.max(wait, Math.ceil((recent[recent.length - rule.limit] + rule.windowMs - this.now()) / 1000));
      }
    }
    return wait;
  }

  record(keys: Record<string, string>): void {
    if (this.hits.size > 50_000) this.sweep();
    for (const [kind, key] of Object.entries(keys)) {
      const rule = this.rules[kind];
      if (!rule) continue;
      const id = `${kind}:${key}`;
      this.hits.set(id, [...this.recent(id, rule), this.now()]);
    }
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

export function createSignInLimiter(now?: () => number): RateLimiter {
  return new RateLimiter({ username: { limit: 10, windowMs: 60_000 }, ip: { limit: 50, windowMs: 60_000 } }, now);
}

/** Sign-ups per client IP: each costs an argon2 hash, so unlimited sign-ups would be a cheap way to load the server. */
export function createSignUpLimiter(now?: () => number): RateLimiter {
  return new RateLimiter({ ip: { limit: 30, windowMs: 60_000 } }, now);
}
