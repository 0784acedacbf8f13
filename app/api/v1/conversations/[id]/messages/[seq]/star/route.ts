import { emptyBodySchema, messageRefOf } from "@/lib/contracts/message-actions";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { starMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };

const star = (starred: boolean) =>
  authedRoute<Params>(async ({ app, req, params, caller }) => {
    await parseJson(req, emptyBodySchema);
    return json(await starMessage(app, caller.userId, messageRefOf(params), starred));
  });

/** Stars the message for me (on all my devices). */
export const PUT = star(true);
export const DELETE = star(false);
