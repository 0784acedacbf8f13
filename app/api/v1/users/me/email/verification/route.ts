import { authedRoute, reply } from "@/server/http/route";
import { resendVerification } from "@/server/services/email-address";

/** Sends the pending address a new verification link. */
export const POST = authedRoute(async ({ app, caller }) =>
  reply("POST /api/v1/users/me/email/verification", await resendVerification(app, caller.userId), 202),
);
