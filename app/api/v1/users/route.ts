import { findUsersSchema } from "@/lib/contracts/users";
import { authedRoute, json } from "@/server/http/route";
import { findUsers } from "@/server/services/profile";

export const GET = authedRoute(async ({ app, req, caller }) => {
  const query = findUsersSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json({ users: await findUsers(app, caller.userId, query) });
});
