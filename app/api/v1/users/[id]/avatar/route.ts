import { imageResponse } from "@/server/http/image-response";
import { authedRoute } from "@/server/http/route";
import { getAvatar } from "@/server/services/avatar";

export const GET = authedRoute<{ id: string }>(async ({ app, req, caller, params }) =>
  imageResponse(req, await getAvatar(app, params.id, caller.userId)),
);
