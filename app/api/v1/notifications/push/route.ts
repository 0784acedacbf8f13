import { testPushSchema } from "@/lib/contracts/notifications";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { sendTestPush } from "@/server/services/push";

/** Admins: a test notification to every device of a user; answers { sent, removed }. */
export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/notifications/push", await sendTestPush(app, caller.userId, await parseJson(req, testPushSchema))),
);
