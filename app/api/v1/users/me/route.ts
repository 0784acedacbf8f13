import { updateProfileSchema } from "@/lib/contracts/users";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { getMe, updateProfile } from "@/server/services/profile";

export const GET = authedRoute(async ({ caller }) => json(await getMe(caller.userId)));

export const PATCH = authedRoute(async ({ req, caller }) =>
  json(await updateProfile(caller.userId, await parseJson(req, updateProfileSchema))),
);
