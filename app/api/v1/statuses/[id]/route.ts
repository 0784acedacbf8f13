import { statusIdOf } from "@/lib/contracts/status";
import { authedRoute, reply } from "@/server/http/route";
import { deleteStatus } from "@/server/services/status";

/** Deletes my status early, with its views and media. */
export const DELETE = authedRoute<{ id: string }>(async ({ app, params, caller }) =>
  reply("DELETE /api/v1/statuses/:id", await deleteStatus(app, caller.userId, statusIdOf(params))),
);
