import { mediaResponse } from "@/server/http/media-response";
import { authedRoute } from "@/server/http/route";
import { mediaFor } from "@/server/services/media";

/** The file's bytes (Range, ETag and immutable caching supported); 404 for anyone who may not see it. */
export const GET = authedRoute<{ id: string }>(async ({ app, req, params, caller }) =>
  mediaResponse(req, await mediaFor(app, caller.userId, params.id)),
);
