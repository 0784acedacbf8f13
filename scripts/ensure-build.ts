// Builds the Next app and its service worker unless .next already holds a build of exactly these sources (a hash of every
// file that goes into it), so `npm start` and `npm test` never run a stale build nor rebuild for nothing.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildServer } from "./build-server";
import { buildServiceWorker } from "./build-service-worker";
import { compressStatic } from "./compress-static";
import { SERVER_BUNDLE } from "./server-process";

const root = path.resolve(import.meta.dirname, "..");
const inputs = [
  "app",
  "components",
  "lib",
  "server",
  "public",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
  "scripts/build-service-worker.ts",
  "scripts/build-server.ts",
  "scripts/compress-static.ts",
];
const stamp = path.join(root, ".next/source-hash");

function hashTree(hash: ReturnType<typeof createHash>, file: string): void {
  if (!existsSync(file)) return;
  if (file.endsWith(".test.ts")) return;
  if (statSync(file).isDirectory()) {
    for (const entry of readdirSync(file).sort()) hashTree(hash, path.join(file, entry));
    return;
  }
  hash.update(path.relative(root, file)).update(readFileSync(file));
}

const hash = createHash("sha256");
for (const input of inputs) hashTree(hash, path.join(root, input));
const digest = hash.digest("hex");

if (
  existsSync(path.join(root, ".next/BUILD_ID")) &&
  existsSync(SERVER_BUNDLE) &&
  existsSync(stamp) &&
  readFileSync(stamp, "utf8") === digest
) {
  console.log("Next build is up to date.");
} else {
  console.log("Building the app (next build)...");
  execFileSync("npx", ["next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  await buildServiceWorker();
  await buildServer();
  await compressStatic(path.join(root, ".next/static"));
  writeFileSync(stamp, digest);
}
