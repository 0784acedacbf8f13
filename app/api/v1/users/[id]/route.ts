import { authedRoute, reply } from "@/server/http/route";
import { viewUser } from "@/server/services/profile";

export const GET = authedRoute<{ id: string }>(async ({ app, caller, params }) =>
  reply("GET /api/v1/users/:id", await viewUser(app, caller.userId, params.id)),
);
