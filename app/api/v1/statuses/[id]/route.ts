import { statusIdOf } from "@/lib/contracts/status";
import { authedRoute, json } from "@/server/http/route";
import { deleteStatus } from "@/server/services/status";

/** Deletes my status early, with its views and media. */
export const DELETE = authedRoute<{ id: string }>(async ({ app, params, caller }) =>
  json(await deleteStatus(app, caller.userId, statusIdOf(params))),
);
