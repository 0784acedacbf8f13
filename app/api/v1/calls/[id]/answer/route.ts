import { answerCallSchema, callIdOf } from "@/lib/contracts/calls";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { answerCall, publicCall } from "@/server/services/calls";

type Params = { id: string };

/** Picks up on this device (or joins an ongoing group call), or declines. */
export const POST = authedRoute<Params>(async ({ app, req, params, caller }) => {
  const { accept } = await parseJson(req, answerCallSchema);
  const { call } = await answerCall(app, caller, callIdOf(params), accept);
  return reply("POST /api/v1/calls/:id/answer", { call: publicCall(call) });
});
