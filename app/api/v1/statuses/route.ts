import { postStatusSchema } from "@/lib/contracts/status";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { postStatus, statusFeed } from "@/server/services/status";

/** My statuses and those of everyone whose statuses I may see. */
export const GET = authedRoute(async ({ app, caller }) => reply("GET /api/v1/statuses", await statusFeed(app, caller.userId)));

/** 201 with the new status; a retry with the same id answers 200 with the original. */
export const POST = authedRoute(async ({ app, req, caller }) => {
  const result = await postStatus(app, caller.userId, await parseJson(req, postStatusSchema));
  return reply("POST /api/v1/statuses", result, result.duplicate ? 200 : 201);
});
