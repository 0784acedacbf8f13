import { disappearingSchema } from "@/lib/contracts/message-actions";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { setDisappearing } from "@/server/services/chat-settings";

/** The chat's disappearing-message timer: { seconds } (0 turns it off). */
export const PUT = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  json(await setDisappearing(app, caller.userId, params.id, (await parseJson(req, disappearingSchema)).seconds)),
);
