import { authedRoute, reply } from "@/server/http/route";
import { acceptRequest } from "@/server/services/open-direct-conversation";

/** Accepts the chat's message request (the answer is the chat; nothing changes if it wasn't one). */
export const POST = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  reply("POST /api/v1/conversations/:id/accept", await acceptRequest(app, caller.userId, params.id)),
);
