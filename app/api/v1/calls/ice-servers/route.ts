import { authedRoute, reply } from "@/server/http/route";
import { iceServersFor } from "@/server/services/ice-servers";

/** The STUN and TURN servers for my calls, with TURN credentials made for me that expire (TURN_CREDENTIAL_TTL_SECONDS). */
export const GET = authedRoute(async ({ app, caller }) =>
  reply("GET /api/v1/calls/ice-servers", iceServersFor(app.env.ice, caller.userId, app.now())),
);
