// Which addresses the link preview fetcher may connect to. A link is text from a user, so fetching it
// blindly would let anyone make the server reach its own network (SSRF): its loopback, the private LAN,
// the cloud's metadata service at 169.254.169.254. Only public unicast addresses are allowed, decided by
// ipaddr.js's range tables (IANA's special-purpose registries, kept up to date by the library): an IPv6
// address that wraps an IPv4 one (::ffff:10.0.0.1) is judged as that IPv4 address, and the IPv6 transition
// ranges that embed IPv4 (6to4, NAT64, Teredo) are refused outright. LINK_PREVIEW_ALLOWED_ADDRESSES names
// exceptions, each one address and port (tests, a page on the operator's own network).
import ipaddr from "ipaddr.js";

/** One private address and port that previews may fetch all the same. */
export interface AllowedAddress {
  /** Normalised, as ipaddr.js prints it (IPv4-mapped IPv6 as its IPv4 address). */
  address: string;
  port: number;
}

/** The address as ipaddr.js parses it, an IPv4-mapped IPv6 address as the IPv4 address it is; null if it isn't one. */
function parsed(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  if (!ipaddr.isValid(bare)) return null;
  const ip = ipaddr.parse(bare);
  return ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

/** The range name of an address that isn't public unicast (e.g. "loopback", "private"), or null for a public one. */
export function specialRange(address: string): string | null {
  const ip = parsed(address);
  if (!ip) return "invalid";
  const range = ip.range();
  return range === "unicast" ? null : range;
}

/** Whether the fetcher may connect to this address and port: a public one, or one the operator allowed. */
export function mayConnect(address: string, port: number, allowed: readonly AllowedAddress[]): boolean {
  if (specialRange(address) === null) return true;
  const normal = parsed(address)?.toString();
  return allowed.some((a) => a.address === normal && a.port === port);
}

/** Parses LINK_PREVIEW_ALLOWED_ADDRESSES: comma-separated `address:port` (IPv6 in brackets); entries it can't read are `bad`. */
export function parseAllowedAddresses(list: string): { allowed: AllowedAddress[]; bad: string[] } {
  const allowed: AllowedAddress[] = [];
  const bad: string[] = [];
  for (const entry of list
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^(\[[0-9a-f:.]+\]|[0-9.]+):(\d{1,5})$/i.exec(entry);
    const ip = match && parsed(match[1]);
    const port = Number(match?.[2]);
    if (!ip || port < 1 || port > 65535) bad.push(entry);
    else allowed.push({ address: ip.toString(), port });
  }
  return { allowed, bad };
}
