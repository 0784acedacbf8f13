import { authedRoute, json } from "@/server/http/route";
import { viewUser } from "@/server/services/profile";

export const GET = authedRoute<{ id: string }>(async ({ caller, params }) => json(await viewUser(caller.userId, params.id)));
