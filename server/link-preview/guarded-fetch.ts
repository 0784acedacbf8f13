// The link preview fetcher's only way out: one GET at a time, to public addresses only. It resolves the
// name itself, refuses the request if any address the name has is not public (see address-policy.ts),
// then connects to the address it checked and no other (the socket's lookup is pinned to it), so a name
// whose DNS answer changes between the check and the connection (DNS rebinding) can't lead it inside.
// Each redirect is a new request, checked the same way; the caller's signal bounds the time of all of them.
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { AppError, type ErrorText } from "../errors";
import { type AllowedAddress, mayConnect } from "./address-policy";

const MAX_REDIRECTS = 3;
const USER_AGENT = "Mozilla/5.0 (compatible; ChatterboxLinkPreview/1.0)";

const cannot = (why: ErrorText) => new AppError("unprocessable", why, { field: "url" });

export interface GuardedGet {
  /** The Accept header: what kind of answer the caller can use. */
  accept: string;
  allowed: readonly AllowedAddress[];
  signal: AbortSignal;
}

/** The address to connect to for `url`, checked: every address of its name must be one the fetcher may reach. */
async function checkedAddress(url: URL, allowed: readonly AllowedAddress[]): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const addresses = await dnsLookup(host, { all: true, verbatim: true }).catch(() => {
    throw cannot({ key: "errors.linkPreview.notFound" });
  });
  if (!addresses.length || addresses.some((a) => !mayConnect(a.address, port, allowed)))
    throw cannot({ key: "errors.linkPreview.privateAddress" });
  return addresses[0];
}

function requestOnce(url: URL, pinned: { address: string; family: number }, { accept, signal }: GuardedGet): Promise<IncomingMessage> {
  // Node asks for every address (all: true) when it may try several families; either way it gets the checked one.
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options.all ? callback(null, [pinned]) : callback(null, pinned.address, pinned.family)) as unknown as LookupFunction;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: "GET", agent: false, lookup, signal, headers: { accept, "user-agent": USER_AGENT, "accept-language": "en, *;q=0.5" } },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

/** GETs `url` (following up to MAX_REDIRECTS redirects): the answer to read, and where it came from. 422 for anything that fails. */
export async function guardedGet(url: URL, options: GuardedGet): Promise<{ url: URL; response: IncomingMessage }> {
  let current = url;
  for (let hop = 0; ; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:") throw cannot({ key: "errors.linkPreview.notHttp" });
    if (current.username || current.password) throw cannot({ key: "errors.linkPreview.credentials" });
    const pinned = await checkedAddress(current, options.allowed);
    const response = await requestOnce(current, pinned, options).catch((error: unknown) => {
      throw options.signal.aborted
        ? cannot({ key: "errors.linkPreview.timedOut" })
        : cannot({ key: "errors.linkPreview.unreachable", values: { code: codeOf(error) } });
    });
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.destroy();
      if (hop === MAX_REDIRECTS) throw cannot({ key: "errors.linkPreview.tooManyRedirects" });
      current = new URL(location, current);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.destroy();
      throw cannot({ key: "errors.linkPreview.badStatus", values: { status } });
    }
    return { url: current, response };
  }
}

/** The network error's code (ECONNREFUSED...), or "none" when it has none (its message says "no answer"). */
const codeOf = (error: unknown) => (error instanceof Error && "code" in error ? String(error.code) : "none");

/**
 * Reads the answer's body, `max` bytes at most: with `enough`, reading stops once it says so or at `max`
 * (what was read is kept: a page's head is at its start); without it, a longer body is refused (422).
 * `signal` is guardedGet's: once it fires the body stops.
 */
export async function readCapped(
  response: IncomingMessage,
  { max, signal, enough }: { max: number; signal: AbortSignal; enough?: (chunk: Buffer) => boolean },
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      const room = max - size;
      if (chunk.length > room && !enough) throw cannot({ key: "errors.linkPreview.tooLarge", values: { kb: Math.round(max / 1024) } });
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(kept);
      size += kept.length;
      if (size >= max || enough?.(kept)) break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw cannot({ key: signal.aborted ? "errors.linkPreview.timedOut" : "errors.linkPreview.stoppedAnswering" });
  } finally {
    response.destroy();
  }
  return Buffer.concat(chunks);
}
