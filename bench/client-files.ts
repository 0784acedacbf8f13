// `npx tsx bench/client-files.ts [--photos 20] [--doc-mib 64]`: what a file in an encrypted chat costs the
// sender's browser, now that the server can't do it (issue 23): per photo, preparing it
// (lib/client/e2ee/file-prep.ts: drawn again, which drops its EXIF and GPS position, and a 16-px WebP
// placeholder) and encrypting it (lib/crypto/file-cipher.ts on the crypto library's web entry point), and
// per MiB of a `--doc-mib` document, encrypting and decrypting it, with how much the page's memory grew
// at the peak. The app's own modules, bundled with esbuild (bench/lib/client-files-page.ts), in Debian's
// Chromium (CHROMIUM_PATH). The document goes first, on a page that has only loaded the library; then the
// photos, the media scenario's (2016x1512 JPEGs with EXIF and GPS), plus a first one to warm up, reported
// apart. Fails if a prepared photo still carries its EXIF or GPS position, or the document doesn't decrypt.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import sharp from "sharp";
import { cameraPhoto, GPS_LATITUDE_BYTES } from "./lib/camera-photo";
import type { PhotoTimes } from "./lib/client-files-page";
import { distribution, round } from "./lib/stats";

const { values: opts } = parseArgs({
  options: { photos: { type: "string", default: "20" }, "doc-mib": { type: "string", default: "64" } },
});
const photoCount = Number(opts.photos);
const docMiB = Number(opts["doc-mib"]);
const mib = (bytes: number) => round(bytes / 2 ** 20, 1);

const wasmFile = path.resolve(import.meta.dirname, "../node_modules/@matrix-org/matrix-sdk-crypto-wasm/pkg/matrix_sdk_crypto_wasm_bg.wasm");
const [bundle] = (
  await build({ entryPoints: [path.join(import.meta.dirname, "lib/client-files-page.ts")], bundle: true, format: "esm", write: false })
).outputFiles;
const photos = await Promise.all(Array.from({ length: photoCount + 1 }, cameraPhoto));
const prepared: Buffer[] = [];

async function body(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
// The library's web entry point fetches its .wasm from `./pkg/` next to the module that imports it
// (`new URL(..., import.meta.url)`), which in the bundle is /page.js.
const server = createServer(async (req, res) => {
  const route = (req.url ?? "").split("/");
  const send = (type: string, data: string | Uint8Array) => res.writeHead(200, { "content-type": type }).end(data);
  if (req.url === "/") send("text/html", '<!doctype html><script type="module" src="/page.js"></script>');
  else if (req.url === "/page.js") send("text/javascript", bundle.contents);
  else if (req.url === `/pkg/${path.basename(wasmFile)}`) send("application/wasm", readFileSync(wasmFile));
  else if (route[1] === "photo" && photos[Number(route[2])]) send("image/jpeg", photos[Number(route[2])]);
  else if (route[1] === "prepared" && req.method === "POST") {
    prepared[Number(route[2])] = await body(req);
    res.writeHead(204).end();
  } else res.writeHead(404).end();
});
await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Chromium's processes under this one: the browser's, and the renderers' (the page's). */
function chromiumPids(): { browser: number[]; renderers: number[] } {
  const children = new Map<number, number[]>();
  const all = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  for (const pid of all.map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {} // gone since the listing
  }
  const found = { browser: [] as number[], renderers: [] as number[] };
  for (let queue = [process.pid]; queue.length; ) {
    const pid = queue.shift() as number;
    queue = queue.concat(children.get(pid) ?? []);
    // One string, not NUL-separated arguments: Chromium rewrites its processes' titles.
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (command.includes("--type=renderer")) found.renderers.push(pid);
    else if (command.includes("chromium") && !command.includes("--type=")) found.browser.push(pid);
  }
  return found;
}
const kb = (pid: number, field: "VmRSS" | "VmHWM") =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+)`, "m"))?.[1]) * 1024;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error("page error:", error));
  await page.goto(url);
  await page.waitForFunction(() => "clientFiles" in window);
  const loadMs = await page.evaluate(() => window.clientFiles.load());

  const failures: string[] = [];
  // The page's memory around the document, on a page that has only loaded the library: Chromium's peak RSS
  // (reset just before) over its RSS before; the JS heap and ArrayBuffers (sampled), where the chunks are.
  // The wasm's own memory is only in the RSS.
  const cdp = await page.context().newCDPSession(page);
  const jsHeap = async () => {
    const { usedSize, backingStorageSize } = await cdp.send("Runtime.getHeapUsage");
    return usedSize + (backingStorageSize ?? 0);
  };
  async function watched<T>(fn: () => Promise<T>) {
    await cdp.send("HeapProfiler.collectGarbage");
    const pids = chromiumPids();
    const rss = (list: number[], field: "VmRSS" | "VmHWM") => list.reduce((sum, pid) => sum + kb(pid, field), 0);
    const before = { renderer: rss(pids.renderers, "VmRSS"), browser: rss(pids.browser, "VmRSS"), heap: await jsHeap() };
    for (const pid of [...pids.renderers, ...pids.browser]) writeFileSync(`/proc/${pid}/clear_refs`, "5");
    let heapPeak = before.heap;
    let running = true;
    const sampling = (async () => {
      for (; running; await new Promise((r) => setTimeout(r, 20))) heapPeak = Math.max(heapPeak, await jsHeap());
    })();
    const result = await fn();
    running = false;
    await sampling;
    return {
      result,
      rendererPeakGrowthMiB: mib(rss(pids.renderers, "VmHWM") - before.renderer),
      browserPeakGrowthMiB: mib(rss(pids.browser, "VmHWM") - before.browser),
      jsHeapAndArrayBuffersPeakGrowthMiB: mib(heapPeak - before.heap),
      rendererRssBeforeMiB: mib(before.renderer),
      renderers: pids.renderers.length,
    };
  }
  const docBytes = await page.evaluate((n) => window.clientFiles.makeDocument(n), docMiB);
  const encrypted = await watched(() => page.evaluate(() => window.clientFiles.encryptDocument()));
  const decrypted = await watched(() => page.evaluate(() => window.clientFiles.decryptDocument()));
  if (!decrypted.result.same) failures.push("the document did not decrypt to its own bytes");

  const times: PhotoTimes[] = [];
  for (let i = 0; i <= photoCount; i++)
    times.push(await page.evaluate(([p, r]) => window.clientFiles.photo(p, r), [`/photo/${i}`, `/prepared/${i}`]));
  const [first, ...measured] = times;

  // Each prepared photo must have lost its EXIF: no GPS latitude, no Exif header, no camera make (its input had all three).
  const leaks: string[] = [];
  for (const [i, out] of prepared.entries()) {
    const had =
      GPS_LATITUDE_BYTES.some((gps) => photos[i].includes(gps)) && photos[i].includes("Exif\0\0") && photos[i].includes("BenchPhone");
    if (!had) leaks.push(`photo ${i}: its input has no GPS position, so this check proves nothing`);
    if (GPS_LATITUDE_BYTES.some((gps) => out.includes(gps))) leaks.push(`photo ${i}: the GPS latitude's bytes are still there`);
    if (out.includes("Exif\0\0") || out.includes("BenchPhone") || (await sharp(out).metadata()).exif)
      leaks.push(`photo ${i}: EXIF is still there`);
  }
  if (prepared.length !== photoCount + 1) leaks.push(`only ${prepared.length} of ${photoCount + 1} prepared photos came back`);

  const sum = (key: keyof PhotoTimes) => measured.reduce((n, t) => n + (t[key] ?? 0), 0);
  console.log(
    JSON.stringify(
      {
        chromium: browser.version(),
        loadLibraryMs: round(loadMs, 0),
        photos: {
          count: measured.length,
          averageInputMiB: mib(sum("inBytes") / measured.length),
          size: `${first.width}x${first.height}`,
          firstPhotoMs: { prepare: round(first.prepareMs, 1), encrypt: round(first.encryptMs, 1) },
          prepareMs: distribution(measured.map((t) => t.prepareMs)),
          encryptMs: distribution(measured.map((t) => t.encryptMs)),
          totalMs: distribution(measured.map((t) => t.prepareMs + t.encryptMs)),
          preparedVsInput: round(sum("preparedBytes") / sum("inBytes")),
          ciphertextVsInput: round(sum("cipherBytes") / sum("inBytes")),
          placeholderChars: distribution(measured.map((t) => t.placeholderChars ?? 0)),
          exifAndGpsGone: leaks.length === 0,
        },
        document: {
          mib: mib(docBytes),
          chunks: encrypted.result.chunks,
          encryptMsPerMiB: round(encrypted.result.ms / docMiB, 1),
          decryptMsPerMiB: round(decrypted.result.ms / docMiB, 1),
          encrypt: { ...encrypted, result: undefined },
          decrypt: { ...decrypted, result: undefined },
        },
      },
      null,
      2,
    ),
  );
  for (const failure of [...leaks, ...failures]) console.error(`FAILED: ${failure}`);
  if (leaks.length || failures.length) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
