import { updateProfileSchema } from "@/lib/contracts/users";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { getUser, updateProfile } from "@/server/services/profile";

export const GET = authedRoute(async ({ caller }) => json(await getUser(caller.userId)));

export const PATCH = authedRoute(async ({ req, caller }) =>
  json(await updateProfile(caller.userId, await parseJson(req, updateProfileSchema))),
);
