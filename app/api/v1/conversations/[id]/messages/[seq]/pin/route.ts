import { emptyBodySchema, messageRefOf } from "@/lib/contracts/message-actions";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { pinMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };

const pin = (route: `${"PUT" | "DELETE"} /api/v1/conversations/:id/messages/:seq/pin`, pinned: boolean) =>
  authedRoute<Params>(async ({ app, req, params, caller }) => {
    await parseJson(req, emptyBodySchema);
    return reply(route, await pinMessage(app, caller.userId, messageRefOf(params), pinned));
  });

/** Pins the message for everyone in the chat (the oldest of 3 pins makes way); answers the chat's summary. */
export const PUT = pin("PUT /api/v1/conversations/:id/messages/:seq/pin", true);
export const DELETE = pin("DELETE /api/v1/conversations/:id/messages/:seq/pin", false);
