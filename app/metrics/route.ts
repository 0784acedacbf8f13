import { NextResponse } from "next/server";
import { AppError } from "@/server/errors";
import { publicRoute } from "@/server/http/route";
import { isMetricsToken } from "@/server/metrics";

// Prometheus scrapes this with `Authorization: Bearer <METRICS_TOKEN>`; without a token set, it is off.
export const GET = publicRoute(async ({ app, req }) => {
  const { env, metrics } = app;
  if (!env.metricsToken) throw new AppError("not_found", "Metrics are off: set METRICS_TOKEN to turn them on");
  if (!isMetricsToken(req.headers.get("authorization"), env.metricsToken)) {
    throw new AppError("unauthorized", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>");
  }
  return new NextResponse(await metrics.registry.metrics(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
});
