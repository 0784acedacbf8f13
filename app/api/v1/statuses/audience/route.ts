import { authedRoute, reply } from "@/server/http/route";
import { myStatusAudience } from "@/server/services/status";

/** Whom my statuses go to now, as my privacy settings say: the people my device encrypts them for. */
export const GET = authedRoute(async ({ app, caller }) =>
  reply("GET /api/v1/statuses/audience", await myStatusAudience(app, caller.userId)),
);
