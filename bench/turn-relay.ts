// `npx tsx bench/turn-relay.ts [--calls 1,4,8] [--seconds 20] [--warmup 30] [--video 640x480]`: what a
// relayed call costs coturn, for operators sizing a TURN server. A private coturn on loopback (Debian's
// package, as test/helpers/coturn.ts starts it) and one Chromium page holding N video calls whose both sides
// may use relay candidates only (test/helpers/relay-calls.ts: Chromium's fake camera at --video and its fake
// microphone, each way), with credentials made as the server makes them. After a warm-up (congestion
// control ramps the bitrate up), coturn's own CPU time (/proc/<pid>/stat, every thread) is read over the
// window, next to the bytes and packets the calls carried. Both sides of every call relay through this one
// coturn, which is the most a call can cost it (a call where one side connects directly costs it about half).
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { iceServersFor } from "../server/services/ice-servers";
import { CHROMIUM_ARGS } from "../test/helpers/chromium";
import { startCoturn } from "../test/helpers/coturn";
import { closeRelayCalls, openRelayCalls, type RelayCallStats, relayCallStats } from "../test/helpers/relay-calls";
import { sample } from "./lib/proc";
import { round } from "./lib/stats";

const { values: opts } = parseArgs({
  options: {
    calls: { type: "string", default: "1,4,8" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "30" },
    video: { type: "string", default: "640x480" },
  },
});
const callCounts = opts.calls.split(",").map(Number);
const windowMs = Number(opts.seconds) * 1000;
const [width, height] = opts.video.split("x").map(Number);

const secret = randomBytes(24).toString("base64url");
const coturn = await startCoturn(secret);
const { iceServers } = iceServersFor(
  { stunUrls: [], turn: { urls: [coturn.url], secret, credentialTtlSeconds: 3600 } },
  "bench",
  new Date(),
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage();
  // An empty page at a loopback origin, which is a secure context (getUserMedia needs one; about:blank isn't).
  await page.route("http://127.0.0.1/", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>turn-relay</title>" }),
  );
  await page.goto("http://127.0.0.1/");
  // tsx (esbuild's keepNames) wraps named functions in __name(), which the page must have for relay-calls.ts.
  await page.evaluate("globalThis.__name = (fn) => fn");
  const total = (stats: RelayCallStats[], key: "bytesSent" | "bytesReceived" | "packetsSent" | "packetsReceived") =>
    stats.reduce((sum, s) => sum + s[key], 0);
  // coturn's own upkeep with no call, for comparison.
  const idleFrom = sample(coturn.pid).cpuMs;
  await sleep(windowMs);
  const idleCpuMsPerSecond = round((sample(coturn.pid).cpuMs - idleFrom) / (windowMs / 1000));
  const results = [];
  for (const calls of callCounts) {
    const loadBefore = round(loadavg()[0]);
    await page.evaluate(openRelayCalls, { iceServers, pairs: calls, video: { width, height } });
    await sleep(Number(opts.warmup) * 1000);
    const start = { cpuMs: sample(coturn.pid).cpuMs, stats: await page.evaluate(relayCallStats), at: performance.now() };
    await sleep(windowMs);
    const end = { cpuMs: sample(coturn.pid).cpuMs, stats: await page.evaluate(relayCallStats), at: performance.now() };
    await page.evaluate(closeRelayCalls);
    const notRelayed = end.stats.filter((s) => s.localType !== "relay" || s.remoteType !== "relay");
    if (notRelayed.length) throw new Error(`calls not relayed: ${JSON.stringify(notRelayed)}`);
    const seconds = (end.at - start.at) / 1000;
    const cpuMs = end.cpuMs - start.cpuMs;
    const bytes =
      total(end.stats, "bytesSent") +
      total(end.stats, "bytesReceived") -
      total(start.stats, "bytesSent") -
      total(start.stats, "bytesReceived");
    const packets =
      total(end.stats, "packetsSent") +
      total(end.stats, "packetsReceived") -
      total(start.stats, "packetsSent") -
      total(start.stats, "packetsReceived");
    results.push({
      calls,
      seconds: round(seconds, 1),
      loadBefore,
      coturnCpuPercent: round((cpuMs / (seconds * 1000)) * 100, 1),
      cpuMsPerSecondPerCall: round(cpuMs / seconds / calls),
      kbitPerSecondPerCall: round((bytes * 8) / 1000 / seconds / calls, 0),
      packetsPerSecondPerCall: round(packets / seconds / calls, 0),
      cpuUsPerPacket: round((cpuMs * 1000) / packets),
      framesDecodedPerSecondPerCall: round(
        (end.stats.reduce((sum, s) => sum + s.framesDecoded, 0) - start.stats.reduce((sum, s) => sum + s.framesDecoded, 0)) /
          seconds /
          calls,
        1,
      ),
    });
  }
  console.log(`coturn idle: ${idleCpuMsPerSecond} ms of CPU per second`);
  console.table(results);
  console.log(
    JSON.stringify({ coturn: coturn.url, video: opts.video, windowSeconds: Number(opts.seconds), idleCpuMsPerSecond, results }, null, 2),
  );
} finally {
  await browser.close();
  await coturn.stop();
}
