import { authedRoute } from "@/server/http/route";
import { resolveReport } from "@/server/services/reports";

/** Admins: marks the report dealt with. */
export const POST = authedRoute<{ id: string }>(async ({ app, caller, params }) => {
  await resolveReport(app, caller.userId, params.id);
  return new Response(null, { status: 204 });
});
