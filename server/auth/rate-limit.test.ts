import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, testRedisUrl } from "../../test/helpers/redis";
import { createSignInLimiter, type LimiterOptions } from "./rate-limit";

type Backend = { name: string; options: () => Promise<Omit<LimiterOptions, "now">> };
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of cleanups) await drop();
});

const backends: Backend[] = [
  { name: "memory", options: async () => ({}) },
  ...(testRedisUrl
    ? [
        {
          name: "Redis",
          options: async () => {
            const redis = await testRedis();
            cleanups.push(redis.drop);
            return { redis: { connections: redis, log: pino({ level: "silent" }) } };
          },
        },
      ]
    : []),
];

describe.each(backends)("sign-in limiter ($name)", ({ options }) => {
  it("allows 10 failures a minute per username, then says how long to wait", async () => {
    let now = 1_000_000;
    const limiter = createSignInLimiter({ ...(await options()), now: () => now });
    for (let i = 0; i < 10; i++) {
      expect(await limiter.retryAfter({ username: "ana", ip: `ip${i}` })).toBe(0);
      await limiter.record({ username: "ana", ip: `ip${i}` });
      now += 1000;
    }
    expect(await limiter.retryAfter({ username: "ana", ip: "fresh" })).toBe(50);
    expect(await limiter.retryAfter({ username: "ben", ip: "fresh" })).toBe(0);
    now += 50_000;
    expect(await limiter.retryAfter({ username: "ana", ip: "fresh" })).toBe(0);
  });

  it("allows 50 failures a minute per IP across usernames", async () => {
    const now = 5_000;
    const limiter = createSignInLimiter({ ...(await options()), now: () => now });
    for (let i = 0; i < 50; i++) await limiter.record({ username: `user${i}`, ip: "10.0.0.1" });
    expect(await limiter.retryAfter({ username: "someone", ip: "10.0.0.1" })).toBe(60);
    expect(await limiter.retryAfter({ username: "someone", ip: "10.0.0.2" })).toBe(0);
  });
});

describe.skipIf(!testRedisUrl)("sign-in limiter in Redis", () => {
  it("is shared by every node: attempts counted by one are refused by another", async () => {
    const redis = await testRedis();
    cleanups.push(redis.drop);
    const log = pino({ level: "silent" });
    const [nodeA, nodeB] = [
      createSignInLimiter({ redis: { connections: redis, log } }),
      createSignInLimiter({ redis: { connections: redis, log } }),
    ];
    for (let i = 0; i < 10; i++) await (i % 2 ? nodeA : nodeB).record({ username: "ana", ip: `ip${i}` });
    expect(await nodeA.retryAfter({ username: "ana", ip: "x" })).toBeGreaterThan(55);
    expect(await nodeB.retryAfter({ username: "ana", ip: "x" })).toBeGreaterThan(55);
  });
});
