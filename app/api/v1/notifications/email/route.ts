import { adminEmailSchema } from "@/lib/contracts/email";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { sendTestEmail } from "@/server/services/test-email";

/** Admins only: emails a user's verified address (a test of the email setup). */
export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/notifications/email", await sendTestEmail(app, caller.userId, await parseJson(req, adminEmailSchema)), 202),
);
