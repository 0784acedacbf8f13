import type { IncomingMessage } from "node:http";

/** Set by the custom server on every request (any value the client sent is overwritten). */
export const CLIENT_IP_HEADER = "x-chatterbox-client-ip";

/**
 * The client's address: the socket peer, or with TRUST_PROXY the address our proxy saw, which is the
 * last X-Forwarded-For entry (earlier entries come from the client and can be forged).
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string" && forwarded.trim()) return forwarded.split(",").at(-1)?.trim() || "unknown";
  return req.socket.remoteAddress ?? "unknown";
}
