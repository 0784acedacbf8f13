import { findUsersSchema } from "@/lib/contracts/users";
import { authedRoute, reply } from "@/server/http/route";
import { findUsers } from "@/server/services/profile";

export const GET = authedRoute(async ({ app, req, caller }) => {
  const query = findUsersSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return reply("GET /api/v1/users", { users: await findUsers(app, caller.userId, query) });
});
