import { receiveMediaUpload } from "@/server/http/read-media-upload";
import { authedRoute, reply } from "@/server/http/route";

/** Multipart form: `file_type` (image, video, audio or document), then `file`. */
export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/media", await receiveMediaUpload(app, req, caller.userId), 201),
);
