import { authedRoute, reply } from "@/server/http/route";
import { blockedContacts } from "@/server/services/privacy";

/** The people I blocked, most recent first. */
export const GET = authedRoute(async ({ caller }) =>
  reply("GET /api/v1/users/me/blocked", { blocked: await blockedContacts(caller.userId) }),
);
