import { memberTargetSchema } from "@/lib/contracts/groups";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { setAdmin } from "@/server/services/change-group";

export const POST = authedRoute<{ id: string }>(async ({ req, params, caller }) => {
  const { userId } = await parseJson(req, memberTargetSchema);
  return json(await setAdmin(caller.userId, params.id, userId, true));
});
