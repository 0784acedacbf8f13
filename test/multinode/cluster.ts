// Several real server nodes on one PostgreSQL database and one Redis, behind a TCP balancer
// (test/helpers/net-proxy.ts) that plays nginx: round robin, and the next node when one refuses.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { freshPostgres } from "../helpers/databases";
import { type NetProxy, startNetProxy } from "../helpers/net-proxy";
import { dropPrefix, testRedisUrl, uniquePrefix } from "../helpers/redis";
import { type RunningServer, startServer } from "../helpers/server";

export interface ClusterOptions {
  size: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** Extra env for one node (by index), e.g. a failpoint. */
  nodeEnv?: (index: number) => Record<string, string>;
}

export interface Cluster {
  /** The running nodes by index (null while one is down). */
  readonly nodes: (RunningServer | null)[];
  readonly balancer: NetProxy;
  /** Node `index`'s own URL (for clients pinned to one node). */
  url(index: number): string;
  /** Stops node `index` with `signal` (SIGKILL: a crash; SIGTERM: a graceful drain) and waits for it to exit. */
  stop(index: number, signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts node `index` again (on a new port, which the balancer learns). */
  start(index: number, env?: Record<string, string>): Promise<RunningServer>;
  close(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const secret = randomBytes(32).toString("base64url");
  const nodes: (RunningServer | null)[] = new Array(options.size).fill(null);
  const balancer = await startNetProxy([]);
  const upstreams = () => balancer.setUpstreams(nodes.flatMap((n) => (n ? [n.port] : [])));
  const start = async (index: number, env: Record<string, string> = {}) => {
    const node = await startServer({
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: options.redisPrefix,
      AUTH_SECRET: secret,
      ...options.nodeEnv?.(index),
      ...env,
    });
    nodes[index] = node;
    upstreams();
    return node;
  };
  // One at a time: the first applies the migrations, and two Next servers booting at once on two cores
  // are slower than one after the other.
  for (let i = 0; i < options.size; i++) await start(i);
  return {
    nodes,
    balancer,
    url: (index) => (nodes[index] as RunningServer).url,
    async stop(index, signal = "SIGTERM") {
      const node = nodes[index];
      if (!node) return null;
      // The balancer isn't told first: like nginx, it finds out when the node refuses connections.
      const code = await node.stop(signal);
      nodes[index] = null;
      upstreams();
      return code;
    },
    start,
    async close() {
      await Promise.all(nodes.map((n) => n?.stop("SIGKILL")));
      await balancer.close();
    },
  };
}

/**
 * A cluster of `size` nodes for a test file's tests, on a fresh PostgreSQL database and a fresh Redis key
 * prefix, started before them and dropped after.
 */
export function useCluster(size: number, nodeEnv?: ClusterOptions["nodeEnv"]): { readonly cluster: Cluster } {
  let cluster: Cluster;
  let drop: () => Promise<void>;
  const redisPrefix = uniquePrefix();
  beforeAll(async () => {
    const database = await freshPostgres();
    drop = database.drop;
    cluster = await startCluster({ size, databaseUrl: database.url, redisUrl: testRedisUrl as string, redisPrefix, nodeEnv });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await drop?.();
    await dropPrefix(testRedisUrl as string, redisPrefix);
  });
  return {
    get cluster() {
      return cluster;
    },
  };
}
