// What every scenario gets: the server under test, the load generators and the users made for the run,
// plus the measuring and connecting helpers they share.
import { performance } from "node:perf_hooks";
import type { GeneratorPool } from "./pool";
import { meter, sample } from "./proc";
import type { BenchUser, Connection, Pair } from "./protocol";
import { round } from "./stats";

export interface Bench {
  /** Node 0: where the setup's REST calls go. */
  url: string;
  /** The server side: every node's process and, in multi-node runs, the local Redis. Their CPU and memory are added up. */
  serverPids: number[];
  /** The node a user's connections go to (multi-node runs spread users so that every pair crosses nodes). */
  nodeOf: (userId: string) => string;
  pool: GeneratorPool;
  users: BenchUser[];
  tokens: Map<string, string>;
  /** Direct chats between users 2i and 2i + 1. */
  pairs: Pair[];
}

export interface Cost {
  wallMs: number;
  /** CPU the server process used (all its threads), from /proc. */
  serverCpuMs: number;
  /** CPU the load generators (and this process) used: if it nears the server's, the generator was the bottleneck. */
  generatorCpuMs: number;
  serverRssMiB: number;
}

/** Runs `fn` and reports its wall time and who spent how much CPU on it. */
export async function measured<T>(bench: Bench, fn: () => Promise<T>): Promise<T & { cost: Cost }> {
  const server = meter(() => bench.serverPids);
  const generators = meter(() => bench.pool.pids);
  const self = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wallMs = performance.now() - t0;
  const own = process.cpuUsage(self);
  const cost: Cost = {
    wallMs: round(wallMs, 1),
    serverCpuMs: round(server(), 0),
    generatorCpuMs: round(generators() + (own.user + own.system) / 1000, 0),
    serverRssMiB: round(serverRss(bench) / 2 ** 20, 1),
  };
  return { ...result, cost };
}

/** Runs `task` over `items` with at most `concurrency` at once; returns each one's milliseconds. */
export async function timedPool<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const t0 = performance.now();
      await task(item);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times;
}

/** Items dealt round-robin to `n` generator processes. */
export function deal<T>(items: T[], n: number): T[][] {
  const out = Array.from({ length: n }, () => [] as T[]);
  for (const [i, item] of items.entries()) out[i % n].push(item);
  return out;
}

export function connection(bench: Bench, userId: string, key = userId): Connection {
  const token = bench.tokens.get(userId);
  if (!token) throw new Error(`unknown user ${userId}`);
  return { key, userId, token, url: bench.nodeOf(userId) };
}

/** Resident memory of the server side (every node, and Redis in multi-node runs), in bytes. */
export const serverRss = (bench: Bench) => bench.serverPids.reduce((sum, pid) => sum + sample(pid).rssBytes, 0);

/** Opens the connections, process by process; throws if any failed. */
export async function connectAll(bench: Bench, perWorker: Connection[][], concurrency = 200) {
  const results = await bench.pool.all("connect", (i) => ({ url: bench.url, connections: perWorker[i] ?? [], concurrency }));
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (failed) throw new Error(`${failed} connections failed`);
  return results.flatMap((r) => r.connectMs);
}

export const closeAll = (bench: Bench) => bench.pool.all("close", () => ({}));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The per-user limits (docs/api.md#limits) set far out of the way: the bench drives a few users far harder
 * than a person (a tick pair alone sends hundreds of messages a second). The checks still run, so their
 * cost is in the figures; the flood scenario starts its own server with the defaults.
 */
export const BENCH_LIMITS = {
  LIMIT_SENDS_PER_MINUTE: "1000000",
  LIMIT_REQUEST_SENDS_PER_HOUR: "1000000",
  LIMIT_GROUPS_PER_HOUR: "1000000",
  LIMIT_GROUP_ADDS_PER_HOUR: "10000000",
  LIMIT_REPORTS_PER_HOUR: "1000000",
  LIMIT_TYPING_PER_MINUTE: "1000000",
  LIMIT_SOCKETS_PER_USER: "1000000",
  LIMIT_SOCKET_EVENTS_PER_10S: "10000000",
  LIMIT_TO_DEVICE_PER_HOUR: "100000000",
  LIMIT_CALLS_PER_HOUR: "1000000",
};
