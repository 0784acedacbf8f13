import { authedRoute, reply } from "@/server/http/route";
import { createInvite, revokeInvite } from "@/server/services/group-invites";

export const POST = authedRoute<{ id: string }>(async ({ app, params, caller }) =>
  reply("POST /api/v1/groups/:id/invite", await createInvite(app, caller.userId, params.id), 201),
);

export const DELETE = authedRoute<{ id: string }>(async ({ app, params, caller }) => {
  await revokeInvite(app, caller.userId, params.id);
  return new Response(null, { status: 204 });
});
