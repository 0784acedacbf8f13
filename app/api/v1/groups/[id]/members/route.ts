import { memberTargetSchema } from "@/lib/contracts/groups";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { addMember } from "@/server/services/change-group";

export const POST = authedRoute<{ id: string }>(async ({ app, req, params, caller }) => {
  const { userId } = await parseJson(req, memberTargetSchema);
  return json(await addMember(app, caller.userId, params.id, userId));
});
