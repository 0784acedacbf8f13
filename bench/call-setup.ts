// `npx tsx bench/call-setup.ts [--calls 10]`: how long a video call takes to set up in real browsers, from
// the production build (`npm run build` first). One server (SQLite) and Debian's Chromium (CHROMIUM_PATH,
// test/helpers/chromium.ts's arguments: fake camera and microphone), with Ana and Ben, contacts, signed in in
// contexts of their own; Ana calls Ben `--calls` times in each scenario, which Ben accepts, and Ana hangs up
// once both sides show the call's timer:
// 1. plain: their chat before any message (not end-to-end encrypted: the signals go in the clear);
// 2. encrypted: the same chat once each has sent a message (both devices hold the other's room key, so every
//    signal is Megolm-encrypted at once);
// 3. new room key: one call from Ana to Cy, whose device has never sent in their chat, so its first signal
//    starts a room key, which goes to Ana's device by the to-device queue while the signal waits for it.
// Cy's page makes one plain call with Ben first, so its first call's costs are not counted as the key's.
// Times come from the pages themselves, on the machine's clock (both contexts are one Chromium): a capturing
// click listener for the clicks, and a MutationObserver for when the incoming call's dialog and each call
// status ("Calling…", "Ringing…", "Connecting…", the timer) enter the DOM; and, to show where the time
// after Accept goes, a wrapped RTCPeerConnection (signalling, ICE gathering and connection states), WebSocket
// (the first call signal out and in) and fetch (the requests for the ICE configuration). The first call of the
// run (its pages' first) is reported apart, as is Cy's. The server's CPU time comes from /proc; what the pages
// asked of it (HTTP requests, socket events) from Playwright.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { type BrowserContext, chromium, expect, type Page, request } from "@playwright/test";
import { befriend, createUser, type E2EUser, keysPublished, openChat, sendText, signIn } from "../e2e/fixtures";
import { CHROMIUM_ARGS } from "../test/helpers/chromium";
import { freshSqliteUrl } from "../test/helpers/databases";
import { startServer } from "../test/helpers/server";
import { BENCH_LIMITS } from "./lib/bench";
import { machine, machineTicks, sample } from "./lib/proc";
import { type Distribution, distribution, round } from "./lib/stats";

const { values: opts } = parseArgs({ options: { calls: { type: "string", default: "10" } } });
const callCount = Number(opts.calls);

/** When things first happened in a page since the last reset (Date.now()). */
type Marks = Record<string, number>;
declare global {
  interface Window {
    callMarks: Marks;
  }
}

/** Runs in every page before the app's scripts: notes clicks, what the call window shows, signals, and WebRTC's states. */
function instrument() {
  const marks: Marks = {};
  window.callMarks = marks;
  const first = (name: string) => {
    marks[name] ??= Date.now();
  };
  document.addEventListener(
    "click",
    (e) => {
      const button = (e.target as Element).closest("button");
      if (button) marks[`click:${button.getAttribute("aria-label") ?? button.textContent}`] = Date.now();
    },
    true,
  );
  new MutationObserver(() => {
    if (document.querySelector('[role="alertdialog"][aria-label^="Incoming"]')) first("incoming");
    const status = document.querySelector("[data-testid=call-status]")?.textContent;
    if (status) first(/^\d+:\d\d$/.test(status) ? "connected" : `status:${status}`);
  }).observe(document, { subtree: true, childList: true, characterData: true });
  // The call's ICE configuration, which each device asks the server for before it makes its connection: the
  // STUN and TURN servers, and whether my calls must be relayed (two requests at once).
  const fetchNative = window.fetch;
  let pending = 0;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!/\/calls\/ice-servers|\/users\/me\/privacy/.test(url)) return fetchNative(input, init);
    first("iceConfig:asked");
    pending++;
    try {
      return await fetchNative(input, init);
    } finally {
      if (--pending === 0) first("iceConfig:got");
    }
  };
  // Call signals leaving and arriving on the Socket.IO connection (the first each way: the offer or the answer).
  const isSignal = (data: unknown) => typeof data === "string" && data.includes('"call:signal"');
  window.WebSocket = class extends window.WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", ({ data }) => isSignal(data) && first("ws:signal-in"));
    }
    override send(data: Parameters<WebSocket["send"]>[0]) {
      if (isSignal(data)) first("ws:signal-out");
      super.send(data);
    }
  };
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      first("pc:created");
      this.addEventListener("signalingstatechange", () => first(`pc:${this.signalingState}`));
      this.addEventListener("icegatheringstatechange", () => first(`pc:gathering-${this.iceGatheringState}`));
      this.addEventListener("connectionstatechange", () => first(`pc:${this.connectionState}`));
    }
  };
}

const callWindow = (page: Page) => page.getByRole("region", { name: /call with/ });
const callStatus = (page: Page) => page.getByTestId("call-status");
const CONNECTED = /^\d+:\d\d$/;

interface Side {
  page: Page;
  user: E2EUser;
  /** What the page reported (page errors, console errors), for a failure's report. */
  errors: string[];
}

/** One video call, `caller` to `callee`, answered, connected on both sides and hung up; its times in ms. */
async function videoCall(caller: Side, callee: Side, encrypted: boolean) {
  await Promise.all(
    [caller, callee].map(({ page }) =>
      page.evaluate(() => {
        for (const key of Object.keys(window.callMarks)) delete window.callMarks[key];
      }),
    ),
  );
  await caller.page.getByRole("button", { name: "Video call", exact: true }).click();
  const incoming = callee.page.getByRole("alertdialog", { name: `Incoming video call from ${caller.user.displayName}` });
  await incoming.getByRole("button", { name: "Accept" }).click();
  for (const { page } of [caller, callee]) await expect(callStatus(page)).toHaveText(CONNECTED, { timeout: 30_000 });
  const lock = callWindow(caller.page).getByText("End-to-end encrypted");
  if (encrypted) await expect(lock).toBeVisible();
  else await expect(lock).toBeHidden();
  const [a, b] = await Promise.all([caller.page, callee.page].map((page) => page.evaluate(() => ({ ...window.callMarks }))));
  await caller.page.getByRole("button", { name: "End call" }).click();
  for (const { page } of [caller, callee]) await expect(callWindow(page)).toBeHidden({ timeout: 10_000 });

  const click = a["click:Video call"];
  const accept = b["click:Accept"];
  const connected = Math.max(a.connected, b.connected);
  // The side whose device sorts first makes the offer (lib/client/calls/call-state.ts makesOffer).
  const [offerer, answerer] = a["pc:have-local-offer"] ? [a, b] : [b, a];
  return {
    ringMs: b.incoming - click,
    answerToConnectedMs: connected - accept,
    clickToConnectedMs: connected - click,
    /** The bench's own time from the dialog in the DOM to its click on Accept (in clickToConnectedMs, not a cost of the app). */
    benchAcceptDelayMs: accept - b.incoming,
    /** Caller: click to "Ringing…" (camera and microphone open, the server's answer to call:start). */
    callerRingingMs: a["status:Ringing…"] - click,
    offerBy: offerer === a ? "caller" : "callee",
    /**
     * Where the time from Accept to both timers went, step after step (they add up to answerToConnectedMs):
     * the callee's media and call:answer until the offering device asks for its ICE configuration, those
     * requests, the offer made, sealed (Megolm in an encrypted chat) until it leaves on the socket, relayed by
     * the server, opened on the other device until it asks for its ICE configuration, those, the answer made,
     * sealed, relayed, applied, then ICE checks and DTLS until both windows show the timer.
     */
    afterAcceptMs: {
      toOffererIceConfig: offerer["iceConfig:asked"] - accept,
      offererIceConfig: offerer["iceConfig:got"] - offerer["iceConfig:asked"],
      offerMade: offerer["pc:have-local-offer"] - offerer["iceConfig:got"],
      offerSealed: offerer["ws:signal-out"] - offerer["pc:have-local-offer"],
      offerRelayed: answerer["ws:signal-in"] - offerer["ws:signal-out"],
      offerOpened: answerer["iceConfig:asked"] - answerer["ws:signal-in"],
      answererIceConfig: answerer["iceConfig:got"] - answerer["iceConfig:asked"],
      answerMade: answerer["pc:stable"] - answerer["iceConfig:got"],
      answerSealed: answerer["ws:signal-out"] - answerer["pc:stable"],
      answerRelayed: offerer["ws:signal-in"] - answerer["ws:signal-out"],
      answerApplied: offerer["pc:stable"] - offerer["ws:signal-in"],
      connectedAndShown: connected - offerer["pc:stable"],
    },
    /** Each device's ICE gathering, from its setLocalDescription to complete (candidates trickle: the connection doesn't wait for it). */
    iceGatheringMs: Math.max(...[offerer, answerer].map((m) => m["pc:gathering-complete"] - m["pc:gathering-gathering"])),
  };
}
type CallTimes = Awaited<ReturnType<typeof videoCall>>;

function summary(calls: CallTimes[], serverCpuMs: number, wallMs: number, asked: string[], machineBusy: number) {
  const perCall: Record<string, number> = {};
  for (const what of asked) perCall[what] = (perCall[what] ?? 0) + 1;
  for (const what of Object.keys(perCall)) perCall[what] = round(perCall[what] / calls.length);
  const of = (pick: (c: CallTimes) => number) => distribution(calls.map(pick));
  const steps = Object.keys(calls[0].afterAcceptMs) as (keyof CallTimes["afterAcceptMs"])[];
  return {
    calls: calls.length,
    ringMs: of((c) => c.ringMs),
    answerToConnectedMs: of((c) => c.answerToConnectedMs),
    clickToConnectedMs: of((c) => c.clickToConnectedMs),
    benchAcceptDelayMs: of((c) => c.benchAcceptDelayMs),
    callerRingingMs: of((c) => c.callerRingingMs),
    offersByCaller: calls.filter((c) => c.offerBy === "caller").length,
    iceGatheringMs: of((c) => c.iceGatheringMs),
    afterAcceptP50Ms: Object.fromEntries(steps.map((step) => [step, of((c) => c.afterAcceptMs[step]).p50])),
    /** From the first click to both windows closed (the callee's shows "Call ended" for 2.5 s). */
    wallMsPerCall: round(wallMs / calls.length, 0),
    serverCpuMsPerCall: round(serverCpuMs / calls.length, 1),
    /** How busy both cores were over the scenario (this bench's browser and server, and anything else running). */
    machineBusyPercent: round(machineBusy * 100, 0),
    /** What both pages asked of the server per call: HTTP requests (ids as :id) and the events they sent on their sockets. */
    askedPerCall: perCall,
    each: calls,
  };
}

const startedAt = new Date();
const loadAverageAtStart = os.loadavg().map((n) => round(n));
const server = await startServer({ DATABASE_URL: freshSqliteUrl(), ...BENCH_LIMITS });
const pid = server.process.pid as number;
const runCpu = sample(pid).cpuMs;
const api = await request.newContext({ baseURL: server.url });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
const contexts: BrowserContext[] = [];
const asked: string[] = [];
/** A new context (no service worker: its precaching would compete for the CPU) signed in as `user`, instrumented. */
async function device(user: E2EUser): Promise<Side> {
  const context = await browser.newContext({ baseURL: server.url, serviceWorkers: "block" });
  contexts.push(context);
  // tsx (esbuild's keepNames) wraps named functions in __name(), which the page must have.
  await context.addInitScript({ content: "globalThis.__name = (fn) => fn" });
  await context.addInitScript(instrument);
  const errors: string[] = [];
  // On the page before it opens the app (and its socket).
  context.on("page", (page) => {
    page.on("request", (r) => void asked.push(`${r.method()} ${new URL(r.url()).pathname.replace(/[\w-]{20,}/g, ":id")}`));
    page.on("websocket", (ws) =>
      ws.on("framesent", ({ payload }) => {
        const event = /^42\d*\["([^"]+)"/.exec(String(payload))?.[1];
        if (event) asked.push(`socket ${event}`);
      }),
    );
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (m) => void (m.type() === "error" && errors.push(`console: ${m.text()}`)));
  });
  return { page: await signIn(context, user), user, errors };
}

const results: Record<string, ReturnType<typeof summary>> = {};
const failures: Record<string, unknown> = {};
/** Runs a scenario's calls with the server's CPU measured; a failure is reported (with screenshots in /tmp) and the scenario left out. */
async function scenario(name: string, sides: Side[], calls: () => Promise<CallTimes[]>) {
  const [cpu, at, from, ticks] = [sample(pid).cpuMs, Date.now(), asked.length, machineTicks()];
  try {
    const times = await calls();
    const now = machineTicks();
    const busy = (now.busy - ticks.busy) / (now.all - ticks.all);
    results[name] = summary(times, sample(pid).cpuMs - cpu, Date.now() - at, asked.slice(from), busy);
  } catch (error) {
    const pages = [];
    for (const side of sides) {
      const screenshot = `/tmp/call-setup-${name}-${side.user.displayName}.png`;
      await side.page.screenshot({ path: screenshot });
      pages.push({
        who: side.user.displayName,
        screenshot,
        status: await callStatus(side.page).allTextContents(),
        alerts: await side.page.getByRole("alert").allTextContents(),
        errors: side.errors.slice(-10),
      });
    }
    failures[name] = { error: String(error).split("\n").slice(0, 12).join("\n"), pages };
    console.error(`FAILED: ${name}`, failures[name]);
    for (const { page } of sides) {
      for (const button of ["End call", "Decline"]) {
        const visible = page.getByRole("button", { name: button }).first();
        if (await visible.isVisible()) await visible.click().catch(() => {});
      }
      await expect(callWindow(page))
        .toBeHidden({ timeout: 10_000 })
        .catch(() => {});
    }
  }
}
const repeat = async (n: number, fn: () => Promise<CallTimes>) => {
  const list: CallTimes[] = [];
  for (let i = 0; i < n; i++) list.push(await fn());
  return list;
};

try {
  const [ana, ben, cy] = [await createUser(api, "Ana"), await createUser(api, "Ben"), await createUser(api, "Cy")];
  await befriend(api, ana, ben);
  await befriend(api, ana, cy);
  await befriend(api, ben, cy);
  const [a, b, c] = [await device(ana), await device(ben), await device(cy)];
  // Every device's keys first: no key upload runs under the calls.
  await keysPublished(api, ana, ben, cy);
  await keysPublished(api, ben, cy);
  await openChat(a.page, ben);
  await openChat(b.page, ana);

  await scenario("firstCall", [a, b], () => repeat(1, () => videoCall(a, b, false)));
  await scenario("plain", [a, b], () => repeat(callCount, () => videoCall(a, b, false)));

  // One message each way: the chat is encrypted, and each device holds the other's room key.
  await sendText(a.page, "Ana's first message");
  await expect(b.page.getByRole("log").getByText("Ana's first message")).toBeVisible({ timeout: 30_000 });
  await sendText(b.page, "Ben's first message");
  await expect(a.page.getByRole("log").getByText("Ben's first message")).toBeVisible({ timeout: 30_000 });
  await scenario("encrypted", [a, b], () => repeat(callCount, () => videoCall(a, b, true)));

  // Cy: a first call in a plain chat with Ben, then Ana's message (Cy has her key), then her call.
  await openChat(b.page, cy);
  await scenario("firstCallCy", [b, c], () => repeat(1, () => videoCall(b, c, false)));
  await openChat(a.page, cy);
  await openChat(c.page, ana);
  await sendText(a.page, "Ana to Cy");
  await expect(c.page.getByRole("log").getByText("Ana to Cy")).toBeVisible({ timeout: 30_000 });
  await scenario("newRoomKey", [a, c], () => repeat(1, () => videoCall(a, c, true)));

  // The server's CPU with the three pages open and no call, to set the calls' against.
  const idleFrom = sample(pid).cpuMs;
  await sleep(10_000);
  const serverIdleCpuMsPerSecond = round((sample(pid).cpuMs - idleFrom) / 10, 1);

  const report = {
    date: startedAt.toISOString(),
    command: `npx tsx bench/call-setup.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`,
    machine: {
      ...machine(),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map((n) => round(n)),
    },
    chromium: browser.version(),
    results,
    failures,
    serverIdleCpuMsPerSecond,
    serverCpuMsWholeRun: round(sample(pid).cpuMs - runCpu, 0),
  };
  const file = path.join(import.meta.dirname, "results", `${startedAt.toISOString().slice(0, 19).replaceAll(":", "-")}-call-setup.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const cell = (d: Distribution) => `${Math.round(d.p50)} / ${Math.round(d.p95)} / ${Math.round(d.max)}`;
  console.table(
    Object.fromEntries(
      Object.entries(results).map(([name, r]) => [
        name,
        {
          calls: r.calls,
          "ring p50/p95/max ms": cell(r.ringMs),
          "answer->connected": cell(r.answerToConnectedMs),
          "click->connected": cell(r.clickToConnectedMs),
          "server CPU ms/call": r.serverCpuMsPerCall,
          "machine busy %": r.machineBusyPercent,
        },
      ]),
    ),
  );
  console.log(`Chromium ${report.chromium}; wrote ${path.relative(process.cwd(), file)}`);
  if (Object.keys(failures).length) process.exitCode = 1;
} finally {
  for (const context of contexts) await context.close();
  await browser.close();
  await api.dispose();
  await server.stop();
}
