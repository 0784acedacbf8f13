import { statusIdOf } from "@/lib/contracts/status";
import { authedRoute, reply } from "@/server/http/route";
import { statusViewers, viewStatus } from "@/server/services/status";

type Params = { id: string };

/** Who saw my status, latest first (the poster only). */
export const GET = authedRoute<Params>(async ({ app, params, caller }) =>
  reply("GET /api/v1/statuses/:id/views", { viewers: await statusViewers(app, caller.userId, statusIdOf(params)) }),
);

/** I saw this status (recorded once). */
export const POST = authedRoute<Params>(async ({ app, params, caller }) =>
  reply("POST /api/v1/statuses/:id/views", await viewStatus(app, caller.userId, statusIdOf(params))),
);
