// What the custom server decides before a request reaches Next or the tus endpoint: requests it refuses
// outright (an address that isn't valid percent-encoding, an app whose protocol version the server no longer
// speaks, a body too large for its route) and the error
// bodies it writes itself, in the API's one JSON shape.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorStatus } from "../../lib/contracts/errors";
import { PROTOCOL_HEADER } from "../../lib/contracts/protocol";
import { AppError } from "../errors";
import { protocolRefusal } from "../protocol";
import { bodyRefusal } from "./body-limits";

/** Answers `error` as the API's JSON error body (never cached; Retry-After when it says when to retry). */
export function writeError(res: ServerResponse, error: AppError): void {
  const body = error.toBody();
  res.writeHead(errorStatus[body.code], {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    ...(body.retryAfter ? { "Retry-After": String(body.retryAfter) } : {}),
  });
  res.end(JSON.stringify({ error: body }));
}

/** The answer while the process starts (or before its context exists). */
export const startingUp = () => new AppError("unavailable", { key: "errors.server.startingUp" }, { retryAfter: 1 });

/** Why the request is refused before routing, or null when it goes on. */
export function edgeRefusal(req: IncomingMessage, uploadMaxBytes: number): AppError | null {
  const pathname = (req.url ?? "/").split("?")[0];
  try {
    decodeURIComponent(pathname);
  } catch {
    return new AppError("bad_request", { key: "errors.http.brokenEscape" }, { field: "path" });
  }
  if (pathname.startsWith("/api/")) {
    const outdated = protocolRefusal(req.headers[PROTOCOL_HEADER.toLowerCase()]);
    if (outdated) return outdated;
  }
  return bodyRefusal(req, pathname, uploadMaxBytes);
}

/**
 * Every API answer is about one user at one moment: no browser or proxy may keep it. `no-store` is set as
 * the head is written, where the route set no caching of its own (media downloads do; Next keeps a header
 * already set over the route's, so it can't be set earlier).
 */
export function noStoreForApi(req: IncomingMessage, res: ServerResponse): void {
  if (!req.url?.startsWith("/api/")) return;
  const writeHead = res.writeHead;
  res.writeHead = ((...args: Parameters<typeof writeHead>) => {
    if (!res.hasHeader("cache-control")) res.setHeader("Cache-Control", "no-store");
    return writeHead.apply(res, args);
  }) as typeof writeHead;
}
