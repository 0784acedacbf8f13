// Redis for tests: TEST_REDIS_URL (CI sets it, like TEST_DATABASE_URL), each caller under its own key prefix.
import pino from "pino";
import { connectRedis, type RedisConnections } from "../../server/redis";

export const testRedisUrl = process.env.TEST_REDIS_URL;

/** A key prefix no other test or run uses. */
export const uniquePrefix = () => `cbx-test-${Math.random().toString(36).slice(2, 10)}:`;

/** Connections under a fresh prefix; `drop` deletes its keys and disconnects. */
export async function testRedis(url = testRedisUrl as string): Promise<RedisConnections & { prefix: string; drop: () => Promise<void> }> {
  const prefix = uniquePrefix();
  const redis = await connectRedis(url, prefix, pino({ level: "silent" }));
  return {
    ...redis,
    prefix,
    drop: async () => {
      await deleteKeys(redis, prefix);
      await redis.close();
    },
  };
}

/** Deletes every key under `prefix` (what a test cluster left: its stream, sessions, presence). */
export async function deleteKeys(redis: RedisConnections, prefix: string): Promise<void> {
  const keys = await redis.app.keys(`${prefix}*`);
  if (keys.length) await redis.app.del(...keys);
}

/** Deletes every key under `prefix` at `url`. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = await connectRedis(url, prefix, pino({ level: "silent" }));
  await deleteKeys(redis, prefix);
  await redis.close();
}
