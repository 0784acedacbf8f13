import { messageRefSchema } from "@/lib/contracts/message-actions";
import { authedRoute, json } from "@/server/http/route";
import { starMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };
const refOf = (params: Params) => messageRefSchema.parse({ conversationId: params.id, seq: params.seq });

export const PUT = authedRoute<Params>(async ({ params, caller }) => json(await starMessage(caller.userId, refOf(params), true)));
export const DELETE = authedRoute<Params>(async ({ params, caller }) => json(await starMessage(caller.userId, refOf(params), false)));
