import { messageRefOf } from "@/lib/contracts/message-actions";
import { authedRoute, reply } from "@/server/http/route";
import { messageEdits } from "@/server/services/message-actions";

/** The texts an edited message had before, oldest first. */
export const GET = authedRoute<{ id: string; seq: string }>(async ({ app, params, caller }) =>
  reply("GET /api/v1/conversations/:id/messages/:seq/edits", { edits: await messageEdits(app, caller.userId, messageRefOf(params)) }),
);
