import { authedRoute } from "@/server/http/route";
import { resolveReport } from "@/server/services/reports";

/** Admins: marks the report dealt with. */
export const POST = authedRoute<{ id: string }>(async ({ caller, params }) => {
  await resolveReport(caller.userId, params.id);
  return new Response(null, { status: 204 });
});
