// Footprint: the server's resident memory right after it starts and one signed-in page load (a browser's
// requests: the chat page's HTML and every script and stylesheet it names), then again after the rest of
// the run and a minute idle (what it gives back). The first sample is taken before the run makes its
// users, so nothing else has touched the server yet.
import { setTimeout as sleep } from "node:timers/promises";
import { sample } from "../lib/proc";
import { post } from "../lib/setup";
import { round } from "../lib/stats";

const PASSWORD = "footprint password 1";
const mib = (bytes: number) => round(bytes / 2 ** 20, 1);

/** The Cookie header of the cookies a response set (name=value pairs only), added to `jar`. */
function keepCookies(jar: Map<string, string>, res: Response): void {
  for (const cookie of res.headers.getSetCookie()) {
    const [pair] = cookie.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs a new user up and in through next-auth's credentials flow, as the sign-in form does: the session cookies. */
async function signedInCookies(base: string): Promise<Map<string, string>> {
  const username = `fp${Date.now().toString(36)}`;
  await post(
    base,
    "/api/v1/auth/register",
    { username, displayName: "Footprint", password: PASSWORD },
    { "x-forwarded-for": "10.255.0.1" },
  );
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keepCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), "x-forwarded-for": "10.255.0.1" },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, json: "true" }),
  });
  keepCookies(jar, res);
  if (![...jar.keys()].some((name) => name.endsWith("session-token"))) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return jar;
}

/** The chat page as a signed-in browser loads it: its HTML, then every script and stylesheet it names. Returns the bytes fetched. */
async function loadChatPage(base: string, jar: Map<string, string>): Promise<{ assets: number; bytes: number }> {
  const headers = { cookie: cookieHeader(jar), "accept-encoding": "br, gzip" };
  const page = await fetch(`${base}/`, { headers, redirect: "manual" });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`chat page answered ${page.status}`);
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]))];
  let bytes = html.length;
  for (const asset of assets) {
    const res = await fetch(base + asset, { headers });
    bytes += (await res.arrayBuffer()).byteLength;
  }
  return { assets: assets.length, bytes };
}

/** Right after start: one signed-in page load, then the resident memory. */
export async function footprintAtStart(base: string, pid: number) {
  const rssAtStartMiB = mib(sample(pid).rssBytes);
  const load = await loadChatPage(base, await signedInCookies(base));
  await sleep(1_000);
  return { rssAtStartMiB, rssAfterPageLoadMiB: mib(sample(pid).rssBytes), pageLoad: { ...load, kiB: round(load.bytes / 1024, 0) } };
}

/** After the run: a minute without requests, then the resident memory again. */
export async function footprintAfterRun(pid: number, afterPageLoadMiB: number, idleSeconds = 60) {
  const rssAfterRunMiB = mib(sample(pid).rssBytes);
  await sleep(idleSeconds * 1_000);
  const rssAfterIdleMiB = mib(sample(pid).rssBytes);
  return { rssAfterRunMiB, idleSeconds, rssAfterIdleMiB, afterIdleVsPageLoad: round(rssAfterIdleMiB / afterPageLoadMiB, 2) };
}
