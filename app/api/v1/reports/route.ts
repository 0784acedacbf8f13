import { createReportSchema } from "@/lib/contracts/privacy";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { createReport, listReports } from "@/server/services/reports";

/** Admins: the reports, open ones first. */
export const GET = authedRoute(async ({ app, caller }) => reply("GET /api/v1/reports", { reports: await listReports(app, caller.userId) }));

/** Reports a chat (its other person, or the group) with its last messages. */
export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/reports", await createReport(app, caller.userId, await parseJson(req, createReportSchema)), 201),
);
