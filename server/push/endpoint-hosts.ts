// Which push services the server will POST to. A subscription's endpoint is a URL the browser hands us,
// so accepting any would let a client make the server send requests anywhere (SSRF): only the push
// services' hosts are allowed, configurable with PUSH_SERVICE_HOSTS.
import type { ErrorText } from "../errors";

/** The public push services of Chrome/Edge/Opera (FCM), Firefox (Mozilla), legacy Edge (WNS) and Safari (Apple). */
export const DEFAULT_PUSH_SERVICE_HOSTS = [
  "fcm.googleapis.com",
  "updates.push.services.mozilla.com",
  "*.notify.windows.com",
  "*.push.apple.com",
  "web.push.apple.com",
];

/**
 * One allowed push service. `host` may start with "*." (any subdomain, not the bare domain). An entry
 * without a scheme is https on the default port; one with a scheme names it, and its port (or "*" for
 * any), e.g. "http://127.0.0.1:*" for a push service on this machine (tests, a self-hosted one).
 */
export interface PushHostRule {
  protocol: "https:" | "http:";
  host: string;
  /** "" for the scheme's default port, "*" for any. */
  port: string;
}

const RULE = /^(?:(https?):\/\/)?((?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/i;

/** Parses a comma-separated list; returns the entries it couldn't read as `bad`. */
export function parsePushHosts(list: string): { rules: PushHostRule[]; bad: string[] } {
  const rules: PushHostRule[] = [];
  const bad: string[] = [];
  for (const entry of list
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = RULE.exec(entry);
    if (!match) bad.push(entry);
    else {
      const protocol = match[1] ? (`${match[1].toLowerCase()}:` as PushHostRule["protocol"]) : "https:";
      const port = match[3] ?? "";
      rules.push({ protocol, host: match[2].toLowerCase(), port: port === defaultPort[protocol] ? "" : port });
    }
  }
  return { rules, bad };
}

const defaultPort = { "https:": "443", "http:": "80" } as const;

/** Why this endpoint is refused, or null when the server may send to it. */
export function endpointProblem(endpoint: string, rules: PushHostRule[]): ErrorText | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { key: "errors.push.endpointNotUrl" };
  }
  if (url.username || url.password) return { key: "errors.push.endpointCredentials" };
  const allowed = rules.some(
    (r) => r.protocol === url.protocol && hostMatches(r.host, url.hostname) && (r.port === "*" || r.port === url.port),
  );
  if (allowed) return null;
  return url.protocol === "https:"
    ? { key: "errors.push.unknownService", values: { host: url.host } }
    : { key: "errors.push.endpointNotHttps" };
}

function hostMatches(pattern: string, hostname: string): boolean {
  if (!pattern.startsWith("*.")) return pattern === hostname;
  return hostname.endsWith(pattern.slice(1)) && hostname.length > pattern.length - 1;
}
