// Multi-node mode's Redis (REDIS_URL), through ioredis. Two connections with opposite failure modes:
// the Socket.IO adapter's queues its commands while Redis is away and sends them when it is back (a
// broadcast is late, never dropped), while the app's own (presence, rate limits) fails fast, so a sign-in
// or a ping doesn't hang on an outage.
import { Redis } from "ioredis";
import type { Logger } from "pino";

export interface RedisConnections {
  /** The app's commands: rejected after a short retry while Redis is unreachable. */
  readonly app: Redis;
  /** The Socket.IO adapter's: queued for as long as Redis is unreachable. */
  readonly adapter: Redis;
  /** The key `name` under the deployment's prefix (REDIS_PREFIX). */
  key(name: string): string;
  /**
   * Calls `listener` whenever the adapter's connection is back after Redis was unreachable. Broadcasts
   * that Redis accepted but lost (a restart without persistence) can't be known, so callers ask clients to sync.
   */
  onRecovered(listener: () => void): void;
  close(): Promise<void>;
}

/** Reconnect quickly at first, then every 2 s. */
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2_000);

export async function connectRedis(url: string, prefix: string, log: Logger): Promise<RedisConnections> {
  const app = new Redis(url, { retryStrategy, maxRetriesPerRequest: 1, lazyConnect: true, connectionName: "chatterbox" });
  const adapter = new Redis(url, { retryStrategy, maxRetriesPerRequest: null, connectionName: "chatterbox-adapter" });
  const recovered = new Set<() => void>();
  let closing = false;
  // Without a listener an 'error' event would end the process; one line per outage is enough.
  for (const [name, client] of [
    ["app", app],
    ["adapter", adapter],
  ] as const) {
    let down = false;
    const lost = (err?: Error) => {
      if (down || closing) return;
      down = true;
      log.warn({ err, connection: name }, "Redis unreachable; retrying");
    };
    client.on("error", lost);
    client.on("close", () => lost());
    client.on("ready", () => {
      if (!down) return;
      down = false;
      log.info({ connection: name }, "Redis reachable again");
      if (client === adapter) for (const listener of recovered) listener();
    });
  }
  try {
    await app.connect();
  } catch (error) {
    app.disconnect();
    adapter.disconnect();
    throw new Error(`Could not reach Redis at REDIS_URL (${redacted(url)}): ${(error as Error).message}`);
  }
  return {
    app,
    adapter,
    key: (name) => `${prefix}${name}`,
    onRecovered: (listener) => void recovered.add(listener),
    async close() {
      closing = true;
      await Promise.allSettled([app.quit(), adapter.quit()]);
    },
  };
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
