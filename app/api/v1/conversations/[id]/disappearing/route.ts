import { disappearingSchema } from "@/lib/contracts/message-actions";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { setDisappearing } from "@/server/services/chat-settings";

/** The chat's disappearing-message timer: { seconds } (0 turns it off). */
export const PUT = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  reply(
    "PUT /api/v1/conversations/:id/disappearing",
    await setDisappearing(app, caller.userId, params.id, (await parseJson(req, disappearingSchema)).seconds),
  ),
);
