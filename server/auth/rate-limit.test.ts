import pino from "pino";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { testRedis, testRedisUrl } from "../../test/helpers/redis";
import { isAppError } from "../errors";
import { createQuota, createSignInLimiter, type LimiterOptions } from "./rate-limit";

type Backend = { name: string; options: () => Promise<LimiterOptions> };
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of cleanups) await drop();
});
afterEach(() => {
  vi.useRealTimers();
});

const log = pino({ level: "silent" });
const backends: Backend[] = [
  { name: "memory", options: async () => ({}) },
  ...(testRedisUrl
    ? [
        {
          name: "Redis",
          options: async () => {
            const redis = await testRedis();
            cleanups.push(redis.drop);
            return { redis: { connections: redis, log } };
          },
        },
      ]
    : []),
];

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error) => (isAppError(error) ? error.toBody() : Promise.reject(error)),
  );

describe.each(backends)("sign-in limiter ($name)", ({ options }) => {
  it("allows 10 failures a minute per username, then says how long to wait", async () => {
    const limiter = createSignInLimiter(await options());
    for (let i = 0; i < 10; i++) {
      expect(await limiter.retryAfter({ username: "ana", ip: `ip${i}` })).toBe(0);
      await limiter.record({ username: "ana", ip: `ip${i}` });
    }
    const wait = await limiter.retryAfter({ username: "ana", ip: "fresh" });
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limiter.retryAfter({ username: "ben", ip: "fresh" })).toBe(0);
  });

  it("allows 50 failures a minute per IP across usernames", async () => {
    const limiter = createSignInLimiter(await options());
    for (let i = 0; i < 50; i++) await limiter.record({ username: `user${i}`, ip: "10.0.0.1" });
    expect(await limiter.retryAfter({ username: "someone", ip: "10.0.0.1" })).toBeGreaterThan(55);
    expect(await limiter.retryAfter({ username: "someone", ip: "10.0.0.2" })).toBe(0);
  });

  it("counts a known device's failures apart: a username's other failures don't touch it", async () => {
    const limiter = createSignInLimiter(await options());
    for (let i = 0; i < 10; i++) await limiter.record({ username: "ana", ip: "10.0.0.3" });
    expect(await limiter.retryAfter({ device: "ana:phone" })).toBe(0);
    for (let i = 0; i < 10; i++) await limiter.record({ device: "ana:laptop" });
    expect(await limiter.retryAfter({ device: "ana:laptop" })).toBeGreaterThan(55);
    expect(await limiter.retryAfter({ device: "ana:phone" })).toBe(0);
  });
});

describe.each(backends)("quota ($name)", ({ options }) => {
  it("spends points per key and refuses past the limit with the wait", async () => {
    const quota = createQuota("test", { limit: 3, windowMs: 10_000 }, (s) => `wait ${s} s`, await options());
    expect(await refusal(quota.take("ana", 2))).toBeNull();
    expect(await refusal(quota.take("ana"))).toBeNull();
    expect(await refusal(quota.take("ana"))).toMatchObject({ code: "rate_limited", message: "wait 10 s", retryAfter: 10 });
    // Refused again without asking the store (the in-memory block), with the same answer.
    expect(await refusal(quota.take("ana"))).toMatchObject({ code: "rate_limited", retryAfter: 10 });
    expect(await refusal(quota.take("ben", 3))).toBeNull();
  });
});

describe("in memory", () => {
  it("forgets a key's failures once its window is over", async () => {
    vi.useFakeTimers();
    const limiter = createSignInLimiter();
    for (let i = 0; i < 10; i++) await limiter.record({ username: "ana", ip: `ip${i}` });
    vi.advanceTimersByTime(30_000);
    expect(await limiter.retryAfter({ username: "ana" })).toBe(30);
    vi.advanceTimersByTime(30_001);
    expect(await limiter.retryAfter({ username: "ana" })).toBe(0);
  });
});

describe.skipIf(!testRedisUrl)("in Redis", () => {
  it("is shared by every node: attempts counted by one are refused by another", async () => {
    const redis = await testRedis();
    cleanups.push(redis.drop);
    const [nodeA, nodeB] = [
      createSignInLimiter({ redis: { connections: redis, log } }),
      createSignInLimiter({ redis: { connections: redis, log } }),
    ];
    for (let i = 0; i < 10; i++) await (i % 2 ? nodeA : nodeB).record({ username: "ana", ip: `ip${i}` });
    expect(await nodeA.retryAfter({ username: "ana", ip: "x" })).toBeGreaterThan(55);
    expect(await nodeB.retryAfter({ username: "ana", ip: "x" })).toBeGreaterThan(55);
  });

  it("keeps counting on each node while Redis is unreachable", async () => {
    const redis = await testRedis();
    const quota = createQuota("outage", { limit: 2, windowMs: 60_000 }, (s) => `wait ${s} s`, { redis: { connections: redis, log } });
    redis.app.disconnect();
    expect(await refusal(quota.take("ana"))).toBeNull();
    expect(await refusal(quota.take("ana"))).toBeNull();
    expect(await refusal(quota.take("ana"))).toMatchObject({ code: "rate_limited" });
    await redis.app.connect();
    // Nothing reached Redis during the outage.
    expect(await redis.app.keys(`${redis.prefix}*`)).toEqual([]);
    await redis.drop();
  });
});
