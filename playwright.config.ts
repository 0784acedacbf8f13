// Playwright drives Debian's Chromium (never a downloaded browser) against the production build,
// served by the real server on its own port with a fresh SQLite database per run.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { ADMIN_USERNAME, LINK_PAGES_PORT } from "./e2e/fixtures";
import { SERVER_BUNDLE, SERVER_PROCESS_ENV } from "./scripts/server-process";
import { CHROMIUM_ARGS } from "./test/helpers/chromium";

const executablePath = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
if (!executablePath || !existsSync(executablePath)) {
  throw new Error(
    "No Chromium found for the end-to-end tests. Install Debian's package (sudo apt-get install chromium) " +
      "or set CHROMIUM_PATH to a Chromium/Chrome binary. This project never downloads a browser.",
  );
}

const port = Number(process.env.E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "cbx-e2e-"));
// The test SMTP server e2e/global-setup.ts starts (emails land in e2e/fixtures.ts MAIL_DIR).
const smtpPort = port + 1;

/**
 * Specs that start servers of their own (and kill them, or their database): one at a time, in a project of
 * their own, so they never compete with each other for the CPU their timings need.
 */
const ownServers = ["**/multinode.spec.ts", "**/reconnect.spec.ts", "**/e2ee.spec.ts", "**/turn.spec.ts"];

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  // Every test makes users of its own (e2e/fixtures.ts createUser), so tests run in parallel on the one
  // server: two workers is the fastest on a 2-core machine (docs/testing.md has the figures).
  fullyParallel: true,
  workers: 2,
  projects: [
    { name: "shared-server", testIgnore: ownServers },
    { name: "own-servers", testMatch: ownServers, workers: 1 },
  ],
  retries: process.env.CI ? 1 : 0,
  // Every new browser context installs the app's service worker (precaching ~1.4 MB), which makes the
  // tests with three users take 25-30 s on a 2-core machine running everything else too, and up to twice
  // that with two of them running at once.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // The app speaks the browser's language: the specs name controls in English unless they choose another.
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `node ${path.relative(import.meta.dirname, SERVER_BUNDLE)}`,
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      ...SERVER_PROCESS_ENV,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: baseURL,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      // The first admin is chosen, never the first sign-up: e2e/global-setup.ts signs this account up.
      ADMIN_USERNAMES: ADMIN_USERNAME,
      // The link preview spec's test site on loopback, which the preview fetcher otherwise refuses.
      LINK_PREVIEW_ALLOWED_ADDRESSES: `127.0.0.1:${LINK_PAGES_PORT}`,
    },
  },
});
