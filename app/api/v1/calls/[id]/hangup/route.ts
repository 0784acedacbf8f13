import { callIdOf, hangupSchema } from "@/lib/contracts/calls";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { hangUp, publicCall } from "@/server/services/calls";

type Params = { id: string };

/** Leaves the call on this device (ends a one-to-one call; cancels it while it rings; declines it while it rings for me). */
export const POST = authedRoute<Params>(async ({ app, req, params, caller }) => {
  const { failed } = await parseJson(req, hangupSchema);
  const { call } = await hangUp(app, caller, callIdOf(params), failed);
  return reply("POST /api/v1/calls/:id/hangup", { call: publicCall(call) });
});
