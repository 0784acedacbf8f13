import { messageRefOf } from "@/lib/contracts/message-actions";
import { authedRoute, json } from "@/server/http/route";
import { pinMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };

/** Pins the message for everyone in the chat (the oldest of 3 pins makes way); answers the chat's summary. */
export const PUT = authedRoute<Params>(async ({ params, caller }) => json(await pinMessage(caller.userId, messageRefOf(params), true)));
export const DELETE = authedRoute<Params>(async ({ params, caller }) => json(await pinMessage(caller.userId, messageRefOf(params), false)));
