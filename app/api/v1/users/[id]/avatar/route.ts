import { imageResponse } from "@/server/http/image-response";
import { authedRoute } from "@/server/http/route";
import { getAvatar } from "@/server/services/avatar";

export const GET = authedRoute<{ id: string }>(async ({ req, caller, params }) =>
  imageResponse(req, await getAvatar(params.id, caller.userId)),
);
