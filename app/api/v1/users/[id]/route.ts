import { authedRoute, json } from "@/server/http/route";
import { getUser } from "@/server/services/profile";

export const GET = authedRoute<{ id: string }>(async ({ params }) => json(await getUser(params.id)));
