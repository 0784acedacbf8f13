// The process's health for load balancers and operators: its dependencies answer, and how loaded it is.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ComponentStatus, SystemHealth } from "../../lib/contracts/system";
import type { AppContext } from "../context";

/** A dependency that doesn't answer within this long counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

/** What the process knows about itself beyond the database (implemented at boot, see server/index.ts). */
export interface RuntimeProbe {
  openSockets(): number;
  /** True once the process has begun a graceful shutdown. */
  draining(): boolean;
  /** Event-loop delay since the previous call (the measurement starts over). */
  takeEventLoopLag(): SystemHealth["eventLoopLagMs"];
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const mib = (bytes: number) => round(bytes / 1_048_576);

/** How long `check` takes to answer, or null when it fails or takes longer than PROBE_TIMEOUT_MS. */
async function timed(app: AppContext, what: string, check: () => Promise<unknown>): Promise<number | null> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      }),
    ]);
    return round(performance.now() - started, 2);
  } catch (err) {
    app.log.warn({ err }, `health check: ${what} did not answer`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

const statusOf = (latencyMs: number | null): ComponentStatus => (latencyMs === null ? "down" : "up");

export async function systemHealth(app: AppContext): Promise<SystemHealth> {
  const { runtime, store, redis } = app;
  const [databaseMs, redisMs] = await Promise.all([
    timed(app, "the database", () => store.reader.get(`SELECT 1 AS "ok"`)),
    redis ? timed(app, "Redis", () => redis.app.ping()) : null,
  ]);
  const database = { status: statusOf(databaseMs), provider: store.reader.dialect, latencyMs: databaseMs } as const;
  const redisHealth = redis ? { status: statusOf(redisMs), latencyMs: redisMs } : { status: "not_configured" as const, latencyMs: null };
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const status = runtime.draining()
    ? "draining"
    : database.status === "down"
      ? "unavailable"
      : redisHealth.status === "down"
        ? "degraded"
        : "ok";
  return {
    status,
    uptimeSeconds: Math.round(process.uptime()),
    database,
    redis: redisHealth,
    eventLoopLagMs: runtime.takeEventLoopLag(),
    memoryMiB: { rss: mib(memory.rss), heapUsed: mib(memory.heapUsed), heapTotal: mib(memory.heapTotal) },
    cpuSeconds: { user: round(cpu.user / 1e6, 2), system: round(cpu.system / 1e6, 2) },
    sockets: runtime.openSockets(),
  };
}

/** A RuntimeProbe over Node's event-loop delay histogram, a socket counter and the shutdown flag. */
export function createRuntimeProbe(openSockets: () => number, draining: () => boolean): RuntimeProbe & { stop(): void } {
  const resolutionMs = 10;
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  // Reset at least once a minute, so an old stall doesn't show forever when nobody checks.
  const reset = setInterval(() => delay.reset(), 60_000);
  reset.unref();
  // The histogram holds the time between timer runs; the lag is what exceeds the timer's own interval.
  const ms = (ns: number) => round(Math.max(0, ns / 1e6 - resolutionMs), 2);
  return {
    openSockets,
    draining,
    takeEventLoopLag() {
      const lag = delay.count ? { mean: ms(delay.mean), p99: ms(delay.percentile(99)), max: ms(delay.max) } : { mean: 0, p99: 0, max: 0 };
      delay.reset();
      return lag;
    },
    stop() {
      clearInterval(reset);
      delay.disable();
    },
  };
}
