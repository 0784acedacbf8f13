import { callLogQuerySchema, startCallSchema } from "@/lib/contracts/calls";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { callLog, publicCall, startCall } from "@/server/services/calls";

/** My call log, newest first (?before=<call id> for the next page). */
export const GET = authedRoute(async ({ app, req, caller }) => {
  const { before } = callLogQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return reply("GET /api/v1/calls", await callLog(app, caller.userId, before));
});

/** 201 with the call, ringing (or already ended: the person called was busy). */
export const POST = authedRoute(async ({ app, req, caller }) => {
  const { call } = await startCall(app, caller, await parseJson(req, startCallSchema));
  return reply(
    "POST /api/v1/calls",
    { callId: call.id, status: call.state === "ended" ? "ended" : "ringing", call: publicCall(call) },
    201,
  );
});
