// `npx tsx bench/page-load.ts [--runs 3]`: what the chat page costs a browser to open, from the production
// build: the JavaScript it loads before its load event (transferred and decoded bytes), when it first
// paints, and, since end-to-end encryption, when the crypto library's wasm arrives (it must come after the
// first paint) and when the device's keys are published. Debian's Chromium (CHROMIUM_PATH), a fresh cache
// and a signed-in user each run.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Response } from "@playwright/test";
import { createUser } from "../test/helpers/client";
import { freshSqliteUrl } from "../test/helpers/databases";
import { startServer } from "../test/helpers/server";
import { distribution } from "./lib/stats";

const { values: opts } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Number(opts.runs);
const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;

interface PageLoad {
  scripts: number;
  initialJsTransferredKiB: number;
  initialJsDecodedKiB: number;
  firstPaintMs: number | null;
  loadMs: number;
  wasmKiB: number | null;
  wasmArrivedMs: number | null;
  keysPublishedMs: number | null;
}

const server = await startServer({ DATABASE_URL: freshSqliteUrl(), DATA_DIR: mkdtempSync(path.join(tmpdir(), "cbx-page-")) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const results: PageLoad[] = [];
  for (let run = 0; run < runs; run++) {
    const user = await createUser(server.url, `Reader ${run}`);
    const context = await browser.newContext({ baseURL: server.url, serviceWorkers: "block" });
    const csrf = await (await context.request.get("/api/auth/csrf")).json();
    await context.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, username: user.username, password: user.password, json: "true" },
    });
    const page = await context.newPage();
    const responses: { response: Response; at: number }[] = [];
    const started = Date.now();
    page.on("response", (response) => responses.push({ response, at: Date.now() - started }));
    const keysPublished = page
      .waitForResponse((r) => r.url().endsWith("/api/v1/keys/upload"), { timeout: 30_000 })
      .then(
        () => Date.now() - started,
        () => null,
      );
    await page.goto("/", { waitUntil: "load" });
    const loadAt = Date.now() - started;
    const firstPaint = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null);
    const published = await keysPublished;
    const scripts = responses.filter(({ response, at }) => response.request().resourceType() === "script" && at <= loadAt);
    let transferred = 0;
    let decoded = 0;
    for (const { response } of scripts) {
      transferred += (await response.request().sizes()).responseBodySize;
      decoded += (await response.body()).length;
    }
    const wasm = responses.find(({ response }) => response.url().endsWith(".wasm"));
    results.push({
      scripts: scripts.length,
      initialJsTransferredKiB: kib(transferred),
      initialJsDecodedKiB: kib(decoded),
      firstPaintMs: firstPaint === null ? null : Math.round(firstPaint),
      loadMs: loadAt,
      wasmKiB: wasm ? kib((await wasm.response.request().sizes()).responseBodySize) : null,
      wasmArrivedMs: wasm?.at ?? null,
      keysPublishedMs: published,
    });
    await context.close();
  }
  const of = (key: "firstPaintMs" | "loadMs" | "wasmArrivedMs" | "keysPublishedMs") =>
    distribution(results.flatMap((r) => (r[key] === null ? [] : [r[key] as number])));
  console.log(
    JSON.stringify(
      {
        runs,
        initialJsTransferredKiB: results[0].initialJsTransferredKiB,
        initialJsDecodedKiB: results[0].initialJsDecodedKiB,
        scripts: results[0].scripts,
        firstPaintMs: of("firstPaintMs"),
        loadMs: of("loadMs"),
        wasmKiB: results[0].wasmKiB,
        wasmArrivedMs: of("wasmArrivedMs"),
        keysPublishedMs: of("keysPublishedMs"),
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await server.stop();
}
