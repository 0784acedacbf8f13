import { authedRoute, json } from "@/server/http/route";
import { setAdmin } from "@/server/services/admins";

export const PUT = authedRoute<{ id: string }>(async ({ caller, params }) => json(await setAdmin(caller.userId, params.id, true)));

export const DELETE = authedRoute<{ id: string }>(async ({ caller, params }) => json(await setAdmin(caller.userId, params.id, false)));
