// Operations contracts: the health check (load balancers, operators), the first admin's setup token and the
// admins' message statistics.
import { z } from "zod";
import { text as localized, message } from "../i18n/text";

export type ComponentStatus = "up" | "down" | "not_configured";

export interface SystemHealth {
  /**
   * HTTP 200: "ok" when every configured dependency answers; "degraded" when only Redis doesn't (every
   * node shares it, and broadcasts wait for it, so taking nodes out would turn a delay into an outage).
   * HTTP 503: "unavailable" without the database; "draining" while the process shuts down and hands its
   * clients to other nodes.
   */
  status: "ok" | "degraded" | "unavailable" | "draining";
  uptimeSeconds: number;
  database: { status: ComponentStatus; provider: "sqlite" | "postgresql"; latencyMs: number | null };
  /** Redis is only used by multi-node deployments (REDIS_URL). */
  redis: { status: ComponentStatus; latencyMs: number | null };
  /** How late timers ran since the previous health check (at most the last minute): a busy process shows here first. */
  eventLoopLagMs: { mean: number; p99: number; max: number };
  memoryMiB: { rss: number; heapUsed: number; heapTotal: number };
  cpuSeconds: { user: number; system: number };
  /** Open Socket.IO connections on this process. */
  sockets: number;
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused, not read as March 2). */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, message("validation.system.date", { example: "2026-11-23" }))
  .refine(
    (d) => !Number.isNaN(Date.parse(d)) && new Date(Date.parse(d)).toISOString().startsWith(d),
    message("validation.system.realDate", { example: "2026-11-23" }),
  );
const STATS_MAX_DAYS = 366;

/** GET /api/v1/stats/messages?start_date=&end_date= (UTC days, both included; by default the last 30 days). */
export const messageStatsQuerySchema = z
  .object({ start_date: isoDay.optional(), end_date: isoDay.optional() })
  .transform(({ start_date, end_date }, ctx) => {
    const end = end_date ?? new Date().toISOString().slice(0, 10);
    const start = start_date ?? new Date(Date.parse(end) - 29 * 86_400_000).toISOString().slice(0, 10);
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: "custom", message: localized("validation.system.endBeforeStart"), path: ["end_date"] });
    else if (days > STATS_MAX_DAYS)
      ctx.addIssue({ code: "custom", message: localized("validation.system.tooManyDays", { max: STATS_MAX_DAYS }), path: ["start_date"] });
    return { startDate: start, endDate: end };
  });
export type MessageStatsQuery = z.output<typeof messageStatsQuerySchema>;

export interface MessageStatsDay {
  /** A UTC day, e.g. "2026-11-23". */
  date: string;
  /** Messages people sent (group notices like "Ana added Ben" not counted). */
  messages: number;
  /** People who sent at least one message that day. */
  activeUsers: number;
}

export interface MessageStats {
  startDate: string;
  endDate: string;
  totals: { messages: number; activeUsers: number };
  /** Every day of the range, oldest first, days without messages included. */
  days: MessageStatsDay[];
}

/** Redeeming the setup token the server logs while it has no admin (POST /api/v1/system/admin-setup). */
export const adminSetupSchema = z.object({
  token: z
    .string(message("validation.field.required", { field: "token" }))
    .trim()
    .min(1, message("validation.field.required", { field: "token" }))
    .max(256),
});
export type AdminSetup = z.infer<typeof adminSetupSchema>;

/** GET /api/v1/system/admin-setup: whether the server has no admin yet. */
export interface AdminSetupState {
  needed: boolean;
}
