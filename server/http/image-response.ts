import type { NextRequest } from "next/server";

/**
 * An avatar or group icon as image/webp. The ETag is the image's key, and a URL that names the current key
 * (`?v=`, as in the URLs the API hands out) never changes content, so it may be cached as immutable.
 */
export function imageResponse(req: NextRequest, { data, key }: { data: Uint8Array; key: string }): Response {
  const etag = `"${key}"`;
  const cache = req.nextUrl.searchParams.get("v") === key ? "private, max-age=31536000, immutable" : "private, no-cache";
  const headers = { ETag: etag, "Cache-Control": cache, "Content-Type": "image/webp" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(data), { headers });
}
