import { authedRoute, json } from "@/server/http/route";
import { viewUser } from "@/server/services/profile";

export const GET = authedRoute<{ id: string }>(async ({ app, caller, params }) => json(await viewUser(app, caller.userId, params.id)));
