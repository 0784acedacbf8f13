import { updateProfileSchema } from "@/lib/contracts/users";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { getMe, updateProfile } from "@/server/services/profile";

export const GET = authedRoute(async ({ app, caller }) => reply("GET /api/v1/users/me", await getMe(app, caller.userId)));

export const PATCH = authedRoute(async ({ app, req, caller }) =>
  reply("PATCH /api/v1/users/me", await updateProfile(app, caller.userId, await parseJson(req, updateProfileSchema))),
);
