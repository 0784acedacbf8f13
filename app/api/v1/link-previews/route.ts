import { linkPreviewRequestSchema } from "@/lib/contracts/link-preview";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { previewLink } from "@/server/services/link-preview";

/** The preview of a link I'm about to send: the server fetches the page for me (never for a recipient). */
export const POST = authedRoute(async ({ app, req, caller }) => {
  const { url } = await parseJson(req, linkPreviewRequestSchema);
  return reply("POST /api/v1/link-previews", await previewLink(app, caller.userId, url));
});
