import { sendMessageSchema } from "@/lib/contracts/messaging";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { sendMessage } from "@/server/services/send-message";

/** 201 with the stored message; a retry with the same id answers 200 with the original. */
export const POST = authedRoute(async ({ app, req, caller }) => {
  const result = await sendMessage(app, caller.userId, await parseJson(req, sendMessageSchema));
  return reply("POST /api/v1/messages", result, result.duplicate ? 200 : 201);
});
