// The process's health for load balancers and operators: its dependencies answer, and how loaded it is.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { SystemHealth } from "../../lib/contracts/system";
import { ctx } from "../context";

/** A dependency that doesn't answer within this long counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

/** What the process knows about itself beyond the database (implemented at boot, see server/index.ts). */
export interface RuntimeProbe {
  openSockets(): number;
  /** Event-loop delay since the previous call (the measurement starts over). */
  takeEventLoopLag(): SystemHealth["eventLoopLagMs"];
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const mib = (bytes: number) => round(bytes / 1_048_576);

async function probeDatabase(): Promise<SystemHealth["database"]> {
  const { store, log } = ctx();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      store.reader.get(`SELECT 1 AS "ok"`),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      }),
    ]);
    return { status: "up", provider: store.reader.dialect, latencyMs: round(performance.now() - started, 2) };
  } catch (err) {
    log.warn({ err }, "health check: the database did not answer");
    return { status: "down", provider: store.reader.dialect, latencyMs: null };
  } finally {
    clearTimeout(timer);
  }
}

export async function systemHealth(): Promise<SystemHealth> {
  const { runtime } = ctx();
  const database = await probeDatabase();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    status: database.status === "up" ? "ok" : "unavailable",
    uptimeSeconds: Math.round(process.uptime()),
    database,
    redis: { status: "not_configured" },
    eventLoopLagMs: runtime.takeEventLoopLag(),
    memoryMiB: { rss: mib(memory.rss), heapUsed: mib(memory.heapUsed), heapTotal: mib(memory.heapTotal) },
    cpuSeconds: { user: round(cpu.user / 1e6, 2), system: round(cpu.system / 1e6, 2) },
    sockets: runtime.openSockets(),
  };
}

/** A RuntimeProbe over Node's event-loop delay histogram and a socket counter. */
export function createRuntimeProbe(openSockets: () => number): RuntimeProbe & { stop(): void } {
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
