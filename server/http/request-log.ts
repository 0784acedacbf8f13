// Request ids and the access log: every HTTP request gets an id (the proxy's X-Request-Id when TRUST_PROXY
// is on, else a new one), answered in X-Request-Id, passed to route handlers, and logged with the outcome.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_ID = /^[\w.:-]{1,128}$/;

export function tagRequest(req: IncomingMessage, res: ServerResponse, log: Logger, trustProxy: boolean): void {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const reqId = trustProxy && typeof incoming === "string" && SAFE_ID.test(incoming) ? incoming : randomUUID();
  req.headers[REQUEST_ID_HEADER] = reqId;
  res.setHeader("X-Request-Id", reqId);
  // Build assets are many and uninteresting; everything else is one line when the answer is sent.
  if (req.url?.startsWith("/_next/static/")) return;
  const started = performance.now();
  res.once("finish", () => {
    const ms = Math.round((performance.now() - started) * 10) / 10;
    log.info({ reqId, method: req.method, url: req.url, status: res.statusCode, ms }, "request");
  });
}
