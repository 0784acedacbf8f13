import { updateProfileSchema } from "@/lib/contracts/users";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { getMe, updateProfile } from "@/server/services/profile";

export const GET = authedRoute(async ({ app, caller }) => json(await getMe(app, caller.userId)));

export const PATCH = authedRoute(async ({ app, req, caller }) =>
  json(await updateProfile(app, caller.userId, await parseJson(req, updateProfileSchema))),
);
