import { thumbnailResponse } from "@/server/http/media-response";
import { authedRoute } from "@/server/http/route";
import { mediaFor } from "@/server/services/media";

/** An image's WebP thumbnail (at most 480px, no metadata); 404 for other kinds and for anyone who may not see it. */
export const GET = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  thumbnailResponse(req, await mediaFor(app, caller.userId, params.id)),
);
