import { createReportSchema } from "@/lib/contracts/privacy";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { createReport, listReports } from "@/server/services/reports";

/** Admins: the reports, open ones first. */
export const GET = authedRoute(async ({ app, caller }) => json({ reports: await listReports(app, caller.userId) }));

/** Reports a chat (its other person, or the group) with its last messages. */
export const POST = authedRoute(async ({ app, req, caller }) =>
  json(await createReport(app, caller.userId, await parseJson(req, createReportSchema)), 201),
);
