import { NextResponse } from "next/server";
import { publicRoute } from "@/server/http/route";
import { systemHealth } from "@/server/services/system-health";

// Unauthenticated, for load balancers: it reveals no user data, only whether this process can serve.
export const GET = publicRoute(async ({ app }) => {
  const health = await systemHealth(app);
  return NextResponse.json(health, {
    status: health.status === "ok" || health.status === "degraded" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
