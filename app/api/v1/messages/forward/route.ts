import { forwardSchema } from "@/lib/contracts/message-actions";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { forwardMessage } from "@/server/services/forward-message";

/** 201 with the copies, in target order (a retry with the same ids answers the same copies). */
export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/messages/forward", await forwardMessage(app, caller.userId, await parseJson(req, forwardSchema)), 201),
);
