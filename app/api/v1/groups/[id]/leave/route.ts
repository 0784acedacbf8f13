import { authedRoute } from "@/server/http/route";
import { removeMember } from "@/server/services/change-group";

export const POST = authedRoute<{ id: string }>(async ({ app, params, caller }) => {
  await removeMember(app, caller.userId, params.id, caller.userId);
  return new Response(null, { status: 204 });
});
