import { authedRoute, json } from "@/server/http/route";
import { blockedContacts } from "@/server/services/privacy";

/** The people I blocked, most recent first. */
export const GET = authedRoute(async ({ app, caller }) => json({ blocked: await blockedContacts(app, caller.userId) }));
