// Operations contracts: what GET /api/v1/system/health answers (load balancers and operators read it).

export type ComponentStatus = "up" | "down" | "not_configured";

export interface SystemHealth {
  /** "ok" (HTTP 200) when every configured dependency answers; otherwise "unavailable" (HTTP 503). */
  status: "ok" | "unavailable";
  uptimeSeconds: number;
  database: { status: ComponentStatus; provider: "sqlite" | "postgresql"; latencyMs: number | null };
  /** Redis is only used by multi-node deployments (REDIS_URL). */
  redis: { status: ComponentStatus };
  /** How late timers ran since the previous health check (at most the last minute): a busy process shows here first. */
  eventLoopLagMs: { mean: number; p99: number; max: number };
  memoryMiB: { rss: number; heapUsed: number; heapTotal: number };
  cpuSeconds: { user: number; system: number };
  /** Open Socket.IO connections on this process. */
  sockets: number;
}
