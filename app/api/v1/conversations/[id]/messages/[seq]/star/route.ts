import { messageRefOf } from "@/lib/contracts/message-actions";
import { authedRoute, json } from "@/server/http/route";
import { starMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };

export const PUT = authedRoute<Params>(async ({ params, caller }) => json(await starMessage(caller.userId, messageRefOf(params), true)));
export const DELETE = authedRoute<Params>(async ({ params, caller }) =>
  json(await starMessage(caller.userId, messageRefOf(params), false)),
);
