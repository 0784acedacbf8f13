import { authedRoute, json } from "@/server/http/route";
import { summarize } from "@/server/services/conversation-access";

export const GET = authedRoute<{ id: string }>(async ({ params, caller }) => json(await summarize(params.id, caller.userId)));
