import { authedRoute, json } from "@/server/http/route";
import { blockedContacts } from "@/server/services/privacy";

/** The people I blocked, most recent first. */
export const GET = authedRoute(async ({ caller }) => json({ blocked: await blockedContacts(caller.userId) }));
