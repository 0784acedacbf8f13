import { messageRefOf, reactSchema } from "@/lib/contracts/message-actions";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { reactToMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };

/** My reaction ({ emoji }, or { encrypted } to an encrypted message), replacing any I had. */
export const PUT = authedRoute<Params>(async ({ app, req, params, caller }) =>
  reply(
    "PUT /api/v1/conversations/:id/messages/:seq/reaction",
    await reactToMessage(app, caller.userId, messageRefOf(params), await parseJson(req, reactSchema)),
  ),
);

export const DELETE = authedRoute<Params>(async ({ app, params, caller }) =>
  reply(
    "DELETE /api/v1/conversations/:id/messages/:seq/reaction",
    await reactToMessage(app, caller.userId, messageRefOf(params), { emoji: null }),
  ),
);
