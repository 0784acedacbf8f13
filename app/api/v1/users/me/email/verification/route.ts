import { authedRoute, json } from "@/server/http/route";
import { resendVerification } from "@/server/services/email-address";

/** Sends the pending address a new verification link. */
export const POST = authedRoute(async ({ caller }) => json(await resendVerification(caller.userId), 202));
