import type { IncomingMessage } from "node:http";

/** Set by the custom server on every request (any value the client sent is overwritten). */
export const CLIENT_IP_HEADER = "x-chatterbox-client-ip";

/** The client's address: the socket peer, or the first X-Forwarded-For hop when TRUST_PROXY is on. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string" && forwarded) return forwarded.split(",")[0].trim();
  return req.socket.remoteAddress ?? "unknown";
}
