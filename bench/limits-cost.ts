// `npx tsx bench/limits-cost.ts`: what the per-message limit checks cost, apart from the rest of a send:
// the in-memory checks every socket send makes (the socket's event budget and the user's send budget),
// and the same send budget in Redis (a round trip), which is why it is counted in memory on each node.
// BENCH_REDIS_URL (default redis://127.0.0.1:6379) is the Redis measured.
import pino from "pino";
import { createAbuseLimits } from "../server/abuse-limits";
import { createQuota } from "../server/auth/rate-limit";
import { connectRedis } from "../server/redis";
import { BENCH_LIMITS } from "./lib/bench";
import { round } from "./lib/stats";

const limits = createAbuseLimits({
  sendsPerMinute: Number(BENCH_LIMITS.LIMIT_SENDS_PER_MINUTE),
  requestSendsPerHour: 1,
  groupsPerHour: 1,
  groupAddsPerHour: 1,
  reportsPerHour: 1,
  typingPerMinute: 1,
  socketsPerUser: 1,
  socketEventsPer10s: Number(BENCH_LIMITS.LIMIT_SOCKET_EVENTS_PER_10S),
  toDevicePerHour: 1,
  callsPerHour: 1,
  linkPreviewsPerMinute: 1,
});

/** Microseconds per call of `check`, over `n` calls in sequence on 100 users (after a warm-up). */
async function perCall(n: number, check: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(n, 1_000); i++) await check(i);
  const start = performance.now();
  for (let i = 0; i < n; i++) await check(i);
  return round(((performance.now() - start) * 1000) / n, 2);
}

const memory = await perCall(200_000, async (i) => {
  await limits.socketEvent(`socket-${i % 100}`);
  await limits.sends.take(`user-${i % 100}`);
});
const redis = await connectRedis(
  process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
  `cbx-limits-cost-${process.pid}:`,
  pino({ level: "silent" }),
);
const inRedis = createQuota("sends", { limit: 1e9, windowMs: 60_000 }, () => "", {
  redis: { connections: redis, log: pino({ level: "silent" }) },
});
const redisUs = await perCall(20_000, (i) => inRedis.take(`user-${i % 100}`));
const keys = await redis.app.keys(`cbx-limits-cost-${process.pid}:*`);
if (keys.length) await redis.app.del(...keys);
await redis.close();
console.log({ inMemoryChecksPerSendUs: memory, sendBudgetInRedisUs: redisUs });
