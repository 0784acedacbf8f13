import { updateProfileSchema } from "@/lib/contracts/users";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { getMe, updateProfile } from "@/server/services/profile";

export const GET = authedRoute(async ({ caller }) => reply("GET /api/v1/users/me", await getMe(caller.userId)));

export const PATCH = authedRoute(async ({ req, caller }) =>
  reply("PATCH /api/v1/users/me", await updateProfile(caller.userId, await parseJson(req, updateProfileSchema))),
);
