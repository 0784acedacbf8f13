import { authedRoute } from "@/server/http/route";
import { getAvatar } from "@/server/services/avatar";

export const GET = authedRoute<{ id: string }>(async ({ req, params }) => {
  const { data, key } = await getAvatar(params.id);
  const etag = `"${key}"`;
  // The URL carries the avatar key, so a versioned URL never changes content.
  const cache = req.nextUrl.searchParams.get("v") === key ? "private, max-age=31536000, immutable" : "private, no-cache";
  const headers = { ETag: etag, "Cache-Control": cache, "Content-Type": "image/webp" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(data), { headers });
});
