import { imageResponse } from "@/server/http/image-response";
import { authedRoute } from "@/server/http/route";
import { getAvatar } from "@/server/services/avatar";

export const GET = authedRoute<{ id: string }>(async ({ req, params }) => imageResponse(req, await getAvatar(params.id)));
