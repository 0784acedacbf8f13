// The STUN and TURN servers a device is told to use for calls. TURN credentials follow the TURN REST API
// scheme coturn checks with `use-auth-secret`: the username is `<unix expiry>:<userId>` and the password
// base64(HMAC-SHA1(secret, username)), so the server and coturn share one secret and no per-user state, and
// a leaked credential stops working at its expiry. coturn checks the expiry when an allocation is made, so
// a call that outlives its credentials keeps its relay (docs/deploy.md, "Calls: running coturn").
import { createHmac } from "node:crypto";
import type { IceServers } from "../../lib/contracts/calls";
import type { IceConfig } from "../env";

export function iceServersFor(config: IceConfig, userId: string, now: Date): IceServers {
  const iceServers: IceServers["iceServers"] = config.stunUrls.length > 0 ? [{ urls: config.stunUrls }] : [];
  if (!config.turn) return { iceServers, expiresAt: null };
  const expiry = Math.floor(now.getTime() / 1000) + config.turn.credentialTtlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac("sha1", config.turn.secret).update(username).digest("base64");
  iceServers.push({ urls: config.turn.urls, username, credential });
  return { iceServers, expiresAt: new Date(expiry * 1000).toISOString() };
}
