// Next's build assets (/_next/static/...) in brotli, from the copies the build made at the best ratio
// (scripts/compress-static.ts): no compression per request, and about a fifth fewer bytes than gzip.
// Browsers that don't accept brotli, ranges and anything without a copy are left to Next (gzip).
import { createReadStream, readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

const PREFIX = "/_next/static/";
const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** Whether an Accept-Encoding header accepts brotli (listed, and not with q=0). */
export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "br") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** The brotli copies under `staticDir` (Next's .next/static), by the URL path of the asset they compress, with their size. */
function brotliCopies(staticDir: string): Map<string, { file: string; size: number }> {
  const copies = new Map<string, { file: string; size: number }>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".br"))
        copies.set(PREFIX + path.relative(staticDir, file).slice(0, -3).split(path.sep).join("/"), { file, size: statSync(file).size });
    }
  };
  try {
    walk(staticDir);
  } catch {
    // No build output (development): nothing to serve.
  }
  return copies;
}

/** A request handler for build assets: true when it answered with a brotli copy, false to leave the request to Next. */
export function staticAssets(staticDir: string) {
  const copies = brotliCopies(staticDir);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? "";
    if (!url.startsWith(PREFIX) || (req.method !== "GET" && req.method !== "HEAD") || req.headers.range) return false;
    if (!acceptsBrotli(req.headers["accept-encoding"])) return false;
    const query = url.indexOf("?");
    let pathname: string;
    try {
      pathname = decodeURIComponent(query < 0 ? url : url.slice(0, query));
    } catch {
      return false;
    }
    const copy = copies.get(pathname);
    if (!copy) return false;
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(pathname)] ?? "application/octet-stream",
      "Content-Encoding": "br",
      "Content-Length": copy.size,
      Vary: "Accept-Encoding",
      // Build assets are named by their contents (Next's own header for them).
      "Cache-Control": "public, max-age=31536000, immutable",
    });
    if (req.method === "HEAD") res.end();
    else
      createReadStream(copy.file)
        .on("error", () => res.destroy())
        .pipe(res);
    return true;
  };
}
