import { messageInfoQuerySchema } from "@/lib/contracts/groups";
import { seqSchema } from "@/lib/contracts/messaging";
import { authedRoute, reply } from "@/server/http/route";
import { getMessageInfo } from "@/server/services/group-info";

export const GET = authedRoute<{ id: string; seq: string }>(async ({ app, req, params, caller }) => {
  const page = messageInfoQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return reply(
    "GET /api/v1/conversations/:id/messages/:seq/info",
    await getMessageInfo(app, caller.userId, params.id, seqSchema.parse(params.seq), page),
  );
});
