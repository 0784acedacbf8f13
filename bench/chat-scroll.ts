// `npx tsx bench/chat-scroll.ts [--messages 2000] [--seconds 20] [--runs 1]`: how smoothly a big chat scrolls in a
// real browser, from the production build (`npm run build` first), against a static page with the same rows.
// One server (SQLite, E2EE_BY_DEFAULT=false: the chat is not end-to-end encrypted, so it can be seeded
// through the socket in seconds; the rows an encrypted chat shows once decrypted are the same components) and
// Debian's Chromium (CHROMIUM_PATH), headless, 1280x800. Ana and Ben, contacts, exchange `--messages` messages
// through `message:send-batch` on sockets of their own (runs of 1-6 from one sender, lengths from a few words
// to a long paragraph, one in 12 a reply, one in 15 with a reaction; the last 300 are Ana's, for Ben's
// receipts to move over). Ana's page opens the chat, and every older page is loaded (scrolled to the top until
// the first message is in) before anything is measured. Then, `--runs` times, back to back so both share the
// machine's load:
// 1. app: `--seconds` of wheel scrolling over the message list (page.mouse.wheel, 100 px a step every 16 ms,
//    down to the end and back up) while Ben's socket reports reads of Ana's messages 4 times a second (each
//    a `receipt:updated` for Ana's page: ticks change) and types (`typing:start` every 7 s: "typing…" shows,
//    and goes 5 s later);
// 2. static, the rows in view: the list's rows as it renders them at one moment (mid-chat: the rows in view
//    and the virtualizer's overscan, 30-40 rows), one under the other, in a copy of the page without its
//    scripts, with the app's CSS, scrolled the same way (down to their end and back, more often);
// 3. static, every row: all the chat's rows (each captured while the list was scrolled through once, at
//    the offset the virtualizer gave it), in the same copy, scrolled the same way: what a page that renders
//    every row costs to scroll.
// The page records each frame's time (requestAnimationFrame deltas) and its long tasks (PerformanceObserver
// 'longtask'); Chromium's own count of the main thread's task time (CDP Performance.getMetrics TaskDuration)
// gives how busy it was. Results go to bench/results/<date>-chat-scroll.json.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { chromium, expect, type Page, request } from "@playwright/test";
import { apiHeaders, befriend, createUser, keysPublished, openChat, signIn } from "../e2e/fixtures";
import { connect, connected, type TestSocket } from "../test/helpers/client";
import { freshSqliteUrl } from "../test/helpers/databases";
import { startServer } from "../test/helpers/server";
import { BENCH_LIMITS } from "./lib/bench";
import { machine, machineTicks } from "./lib/proc";
import { type Distribution, distribution, round } from "./lib/stats";

const { values: opts } = parseArgs({
  options: {
    messages: { type: "string", default: "2000" },
    seconds: { type: "string", default: "20" },
    runs: { type: "string", default: "1" },
  },
});
const messageCount = Number(opts.messages);
const seconds = Number(opts.seconds);
const runs = Number(opts.runs);
/** The last messages, all Ana's: Ben's read reports move over them during the scrolling. */
const ANAS_TAIL = 300;
const WHEEL_STEP_PX = 100;
const WHEEL_EVERY_MS = 16;
const VIEWPORT = { width: 1280, height: 800 };

declare global {
  interface Window {
    scrollBench: { frames: number[]; longTasks: number[]; running: boolean };
  }
}

const WORDS =
  "the a of meeting tomorrow lunch sounds good see you later did you get my email about project photos weekend train station coffee maybe".split(
    " ",
  );
/** A message of a length picked from a spread: mostly short, some long enough to wrap over several lines. */
function text(i: number) {
  const lengths = [2, 4, 6, 9, 14, 25, 60];
  const n = lengths[(i * 7 + (i >> 3)) % lengths.length];
  const words = Array.from({ length: n }, (_, k) => WORDS[(i * 31 + k * 17) % WORDS.length]);
  return `#${String(i + 1).padStart(4, "0")} ${words.join(" ")}`;
}

type Ack = { ok: true; data: unknown } | { ok: false; error: unknown };
async function ask(socket: TestSocket, event: string, payload: unknown): Promise<unknown> {
  const ack = (await (socket.timeout(30_000) as any).emitWithAck(event, payload)) as Ack;
  if (!ack.ok) throw new Error(`${event}: ${JSON.stringify(ack.error)}`);
  return ack.data;
}

/** Seeds the chat: `count` messages between the two sockets, in runs, with replies and reactions. */
async function seed(conversationId: string, sockets: [TestSocket, TestSocket]) {
  let sent = 0;
  let run = 0;
  const seqs: number[] = [];
  while (sent < messageCount) {
    const tail = sent >= messageCount - ANAS_TAIL;
    const from = tail ? 0 : run % 2;
    const size = tail ? Math.min(100, messageCount - sent) : Math.min(1 + ((run * 5) % 6), messageCount - ANAS_TAIL - sent);
    const messages = Array.from({ length: size }, (_, k) => {
      const i = sent + k;
      const replyTo = i % 12 === 11 && seqs.length > 5 ? { replyTo: seqs[seqs.length - 5] } : {};
      return { id: `seed-${i}-${Date.now().toString(36)}`, conversationId, text: text(i), ...replyTo };
    });
    const results = (await ask(sockets[from], "message:send-batch", { messages })) as {
      ok: boolean;
      data?: { message: { seq: number } };
    }[];
    for (const r of results) {
      if (!r.ok || !r.data) throw new Error(`seed send failed: ${JSON.stringify(r)}`);
      seqs.push(r.data.message.seq);
    }
    sent += size;
    run++;
  }
  // Reactions: one message in 15, from the other person (or either, in Ana's tail).
  for (let i = 7; i < seqs.length; i += 15) {
    await ask(sockets[i % 2], "message:react", { conversationId, seq: seqs[i], emoji: ["👍", "❤️", "😂"][i % 3] });
  }
  return seqs;
}

/** Runs in the page before its scripts: frame deltas and long tasks, recorded while `running`. */
function recorder() {
  const bench = { frames: [] as number[], longTasks: [] as number[], running: false };
  window.scrollBench = bench;
  let last = 0;
  const frame = (t: number) => {
    if (bench.running && last) bench.frames.push(t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    if (bench.running) for (const e of list.getEntries()) bench.longTasks.push(e.duration);
  }).observe({ type: "longtask", buffered: false });
}

interface ScrollResult {
  frames: Distribution;
  /** Frames over 50 ms (three 60 Hz frames missed, or more). */
  framesOver50Ms: number;
  longTasks: number;
  longTaskMs: number;
  /** Chromium's main-thread task time over the scrolling's wall time (CDP TaskDuration). */
  mainThreadBusyPercent: number;
  wheelSteps: number;
  /** How far the view went, all told (px). */
  scrolledPx: number;
  wallMs: number;
  /** How busy both cores were (this bench's browser and server, and anything else running). */
  machineBusyPercent: number;
}

/** `seconds` of wheel scrolling over the list from its top, down to the end and back; what the page recorded. */
async function scroll(page: Page, during: (elapsedMs: number) => void = () => {}): Promise<ScrollResult> {
  const log = page.getByRole("log");
  await log.evaluate((el) => {
    el.scrollTop = 0;
  });
  await sleep(500);
  const box = await log.boundingBox();
  if (!box) throw new Error("no message list on screen");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const taskTime = async () =>
    ((await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
  const busyFrom = await taskTime();
  const ticks = machineTicks();
  await page.evaluate(() => {
    window.scrollBench.frames.length = 0;
    window.scrollBench.longTasks.length = 0;
    window.scrollBench.running = true;
  });
  const started = Date.now();
  let direction = 1;
  let steps = 0;
  let scrolled = 0;
  let lastTop = 0;
  while (Date.now() - started < seconds * 1000) {
    await page.mouse.wheel(0, direction * WHEEL_STEP_PX);
    steps++;
    during(Date.now() - started);
    if (steps % 10 === 0) {
      const { top, max } = await log.evaluate((el) => ({ top: el.scrollTop, max: el.scrollHeight - el.clientHeight }));
      scrolled += Math.abs(top - lastTop);
      lastTop = top;
      if (direction > 0 && top >= max - 1) direction = -1;
      else if (direction < 0 && top <= 0) direction = 1;
    }
    await sleep(WHEEL_EVERY_MS);
  }
  const wallMs = Date.now() - started;
  const { frames, longTasks } = await page.evaluate(() => {
    window.scrollBench.running = false;
    return { frames: [...window.scrollBench.frames], longTasks: [...window.scrollBench.longTasks] };
  });
  const busy = (await taskTime()) - busyFrom;
  const now = machineTicks();
  await cdp.detach();
  return {
    frames: distribution(frames),
    framesOver50Ms: frames.filter((f) => f > 50).length,
    longTasks: longTasks.length,
    longTaskMs: round(
      longTasks.reduce((a, b) => a + b, 0),
      0,
    ),
    mainThreadBusyPercent: round((busy / wallMs) * 100, 1),
    wheelSteps: steps,
    scrolledPx: Math.round(scrolled),
    wallMs,
    machineBusyPercent: round(((now.busy - ticks.busy) / (now.all - ticks.all)) * 100, 0),
  };
}

/** Scrolls to the top until the first message is in: every older page loaded. */
async function loadAll(page: Page) {
  const log = page.getByRole("log");
  const first = log.getByText(text(0).slice(0, 5), { exact: false });
  for (let i = 0; i < 200 && !(await first.count()); i++) {
    await log.evaluate((el) => {
      el.scrollTop = 0;
    });
    await sleep(300);
  }
  await expect(first).toBeVisible();
  await expect(page.getByText("Loading older messages")).toBeHidden();
}

/**
 * The static references, copies of the page without scripts: "window", the rows the list holds when
 * scrolled to the middle, in flow; "all", every row as the list rendered it (captured while scrolling through
 * it once, each at the offset the virtualizer gave it).
 */
async function staticCopies(page: Page): Promise<{ window: string; all: string }> {
  const log = page.getByRole("log");
  const copy = (rows: [number, string][], inFlow: boolean) =>
    log.evaluate(
      (el, { rows, inFlow }) => {
        const copy = document.documentElement.cloneNode(true) as HTMLElement;
        for (const script of copy.querySelectorAll("script, link[rel=preload][as=script], link[rel=modulepreload]")) script.remove();
        const list = copy.querySelector('[role="log"] > div.relative') as HTMLElement;
        const sized = el.querySelector(":scope > div.relative") as HTMLElement;
        list.style.height = inFlow ? "" : sized.style.height;
        list.innerHTML = rows.map(([, html]) => html).join("");
        if (inFlow) {
          const style = document.createElement("style");
          style.textContent = '[role="log"] [data-index] { position: relative !important; transform: none !important; }';
          copy.querySelector("head")?.append(style);
        }
        return `<!DOCTYPE html>${copy.outerHTML}`;
      },
      { rows, inFlow },
    );
  const rowsNow = () =>
    log.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>("[data-index]")].map((row): [number, string] => [Number(row.dataset.index), row.outerHTML]),
    );
  await log.evaluate(async (el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  const inView = await copy(
    (await rowsNow()).sort((a, b) => a[0] - b[0]),
    true,
  );
  const rows = new Map<number, string>();
  const { scrollHeight, clientHeight } = await log.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
  for (let top = 0; top <= scrollHeight; top += clientHeight / 2) {
    const seen = await log.evaluate((el, top) => {
      el.scrollTop = top;
      return new Promise<[number, string][]>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve([...el.querySelectorAll<HTMLElement>("[data-index]")].map((row) => [Number(row.dataset.index), row.outerHTML])),
          ),
        ),
      );
    }, top);
    for (const [index, html] of seen) rows.set(index, html);
  }
  return {
    window: inView,
    all: await copy(
      [...rows].sort((a, b) => a[0] - b[0]),
      false,
    ),
  };
}

const startedAt = new Date();
const loadAverageAtStart = os.loadavg().map((n) => round(n));
const server = await startServer({ DATABASE_URL: freshSqliteUrl(), ...BENCH_LIMITS, E2EE_BY_DEFAULT: "false" });
const api = await request.newContext({ baseURL: server.url });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const sockets: TestSocket[] = [];
try {
  const [ana, ben] = [await createUser(api, "Ana"), await createUser(api, "Ben")];
  await befriend(api, ana, ben);
  // Both tokens first: a socket must not connect before its "connect" is listened for.
  const tokens = [await apiHeaders(api, ana), await apiHeaders(api, ben)].map((h) => h.authorization.slice("Bearer ".length));
  const [anaSocket, benSocket] = tokens.map((token) => connect(server.url, { token }));
  sockets.push(anaSocket, benSocket);
  await Promise.all(sockets.map(connected));
  // Opening it again answers with the chat befriend() opened.
  const opened = await api.post("/api/v1/conversations", { data: { userId: ben.userId }, headers: await apiHeaders(api, ana) });
  const conversationId = ((await opened.json()) as { id: string }).id;
  const seedStarted = Date.now();
  const seqs = await seed(conversationId, [anaSocket, benSocket]);
  const seedMs = Date.now() - seedStarted;
  console.log(`seeded ${seqs.length} messages in ${seedMs} ms`);

  const context = await browser.newContext({ baseURL: server.url, serviceWorkers: "block", viewport: VIEWPORT });
  // tsx (esbuild's keepNames) wraps named functions in __name(), which the page must have.
  await context.addInitScript({ content: "globalThis.__name = (fn) => fn" });
  await context.addInitScript(recorder);
  const page = await signIn(context, ana);
  // The device's keys first (the crypto library loads after the first paint): nothing of that runs under the scrolling.
  await keysPublished(api, ana);
  await openChat(page, ben);
  const openStarted = Date.now();
  await loadAll(page);
  const loadAllMs = Date.now() - openStarted;
  console.log(`every page of the chat loaded in ${loadAllMs} ms`);
  const rowsInList = await page.getByRole("log").evaluate((el) => {
    const sized = el.querySelector(":scope > div.relative") as HTMLElement;
    return { heightPx: Number.parseFloat(sized.style.height), messages: el.querySelectorAll("[data-message]").length };
  });
  const copies = await staticCopies(page);
  const staticPage = async (html: string) => {
    const reference = await context.newPage();
    await reference.route("**/__static-chat", (route) => route.fulfill({ contentType: "text/html", body: html }));
    await reference.goto("/__static-chat");
    await expect(reference.locator("[data-message]").first()).toBeAttached();
    return reference;
  };
  const staticWindow = await staticPage(copies.window);
  const staticAll = await staticPage(copies.all);
  const staticRows = {
    window: await staticWindow.locator("[data-index]").count(),
    all: await staticAll.locator("[data-index]").count(),
  };

  // Ben's load on Ana's page: reads of Ana's tail, 4 a second, and typing every 7 s.
  let readUpTo = seqs[seqs.length - ANAS_TAIL - 1];
  let lastRead = 0;
  let lastTyping = Number.NEGATIVE_INFINITY;
  let reads = 0;
  let typings = 0;
  const benLoad = (elapsed: number) => {
    if (elapsed - lastRead >= 250 && readUpTo < seqs[seqs.length - 1]) {
      lastRead = elapsed;
      readUpTo++;
      reads++;
      benSocket.emit("message:delivered", { conversationId, seq: readUpTo }, () => {});
      benSocket.emit("conversation:read", { conversationId, seq: readUpTo }, () => {});
    }
    if (elapsed - lastTyping >= 7_000) {
      lastTyping = elapsed;
      typings++;
      benSocket.emit("typing:start", { conversationId });
    }
  };

  const results: { app: ScrollResult & { reads: number; typings: number }; staticWindow: ScrollResult; staticAll: ScrollResult }[] = [];
  for (let run = 0; run < runs; run++) {
    await page.bringToFront();
    [reads, typings, lastRead, lastTyping] = [0, 0, 0, Number.NEGATIVE_INFINITY];
    const app = { ...(await scroll(page, benLoad)), reads, typings };
    await staticWindow.bringToFront();
    const inView = await scroll(staticWindow);
    await staticAll.bringToFront();
    const all = await scroll(staticAll);
    results.push({ app, staticWindow: inView, staticAll: all });
    const line = (name: string, r: ScrollResult) =>
      `${name} p50/p95/max ${r.frames.p50}/${r.frames.p95}/${r.frames.max} ms, busy ${r.mainThreadBusyPercent}%`;
    console.log(
      `run ${run + 1}: ${line("app", app)}; ${line("static (rows in view)", inView)}; ${line("static (every row)", all)}; ` +
        `p95 app / static (rows in view) ${round(app.frames.p95 / inView.frames.p95)}`,
    );
  }

  const report = {
    date: startedAt.toISOString(),
    command: `npx tsx bench/chat-scroll.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`,
    machine: {
      ...machine(),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map((n) => round(n)),
    },
    chromium: browser.version(),
    encrypted: false,
    viewport: VIEWPORT,
    messages: seqs.length,
    seedMs,
    loadAllMs,
    list: rowsInList,
    staticRows,
    wheel: { stepPx: WHEEL_STEP_PX, everyMs: WHEEL_EVERY_MS, seconds },
    results: results.map((r) => ({
      ...r,
      p95RatioToStaticWindow: round(r.app.frames.p95 / r.staticWindow.frames.p95),
      p95RatioToStaticAll: round(r.app.frames.p95 / r.staticAll.frames.p95),
    })),
  };
  const file = path.join(import.meta.dirname, "results", `${startedAt.toISOString().slice(0, 19).replaceAll(":", "-")}-chat-scroll.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Chromium ${report.chromium}; wrote ${path.relative(process.cwd(), file)}`);
  await context.close();
} finally {
  for (const socket of sockets) socket.disconnect();
  await browser.close();
  await api.dispose();
  await server.stop();
}
