// GET /sw.js: the service worker that `npm run build` made (scripts/build-service-worker.ts). It must be
// served from the site's root to control every page, and revalidated on each check so updates arrive.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

export const SERVICE_WORKER_PATH = "/sw.js";

/** Serves the built worker (read once); development servers have none and answer 404. */
export function serviceWorkerHandler(dev: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  const script = dev ? Promise.resolve(null) : readFile(path.join(process.cwd(), ".next/sw.js")).catch(() => null);
  return (req, res) =>
    void script.then((body) => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }).end("Method not allowed");
        return;
      }
      if (!body) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("No service worker in development builds");
        return;
      }
      res.writeHead(200, {
        "Content-Type": "text/javascript; charset=utf-8",
        "Content-Length": body.length,
        "Cache-Control": "no-cache",
        "Service-Worker-Allowed": "/",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    });
}
