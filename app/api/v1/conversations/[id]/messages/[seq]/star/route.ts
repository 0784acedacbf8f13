import { emptyBodySchema, messageRefOf } from "@/lib/contracts/message-actions";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { starMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };

const star = (route: `${"PUT" | "DELETE"} /api/v1/conversations/:id/messages/:seq/star`, starred: boolean) =>
  authedRoute<Params>(async ({ app, req, params, caller }) => {
    await parseJson(req, emptyBodySchema);
    return reply(route, await starMessage(app, caller.userId, messageRefOf(params), starred));
  });

/** Stars the message for me (on all my devices). */
export const PUT = star("PUT /api/v1/conversations/:id/messages/:seq/star", true);
export const DELETE = star("DELETE /api/v1/conversations/:id/messages/:seq/star", false);
