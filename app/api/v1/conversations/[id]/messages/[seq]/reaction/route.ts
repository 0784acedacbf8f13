import { messageRefSchema, reactSchema } from "@/lib/contracts/message-actions";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { reactToMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };
const refOf = (params: Params) => messageRefSchema.parse({ conversationId: params.id, seq: params.seq });

/** My reaction ({ emoji }), replacing any I had. */
export const PUT = authedRoute<Params>(async ({ req, params, caller }) =>
  json(await reactToMessage(caller.userId, refOf(params), (await parseJson(req, reactSchema)).emoji)),
);

export const DELETE = authedRoute<Params>(async ({ params, caller }) => json(await reactToMessage(caller.userId, refOf(params), null)));
