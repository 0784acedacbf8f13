import { authedRoute, reply } from "@/server/http/route";
import { resendVerification } from "@/server/services/email-address";

/** Sends the pending address a new verification link. */
export const POST = authedRoute(async ({ caller }) =>
  reply("POST /api/v1/users/me/email/verification", await resendVerification(caller.userId), 202),
);
