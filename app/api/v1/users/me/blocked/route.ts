import { authedRoute, reply } from "@/server/http/route";
import { blockedContacts } from "@/server/services/privacy";

/** The people I blocked, most recent first. */
export const GET = authedRoute(async ({ app, caller }) =>
  reply("GET /api/v1/users/me/blocked", { blocked: await blockedContacts(app, caller.userId) }),
);
