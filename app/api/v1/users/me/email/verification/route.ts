import { authedRoute, json } from "@/server/http/route";
import { resendVerification } from "@/server/services/email-address";

/** Sends the pending address a new verification link. */
export const POST = authedRoute(async ({ app, caller }) => json(await resendVerification(app, caller.userId), 202));
