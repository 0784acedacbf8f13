// The process as an operator meets it: bad config refused with clear messages, graceful shutdown,
// migrations applied once, and data surviving a restart.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_BUNDLE } from "../../scripts/server-process";
import { createUser, request } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { startServer } from "../helpers/server";

const root = path.resolve(import.meta.dirname, "../..");

describe("server lifecycle", () => {
  it("refuses to start with a bad environment, naming each bad variable", () => {
    const run = spawnSync(process.execPath, [SERVER_BUNDLE], {
      cwd: root,
      env: { ...process.env, PORT: "eighty", DATABASE_URL: "mysql://x", TRUST_PROXY: "maybe" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Invalid environment");
    expect(run.stderr).toMatch(/PORT must be a number/);
    expect(run.stderr).toMatch(/DATABASE_URL must start with file: \(SQLite\) or postgres:\/\/ \(PostgreSQL\)/);
    expect(run.stderr).toMatch(/TRUST_PROXY must be true or false/);
  });

  it("creates the SQLite file on first start, keeps data across restarts and shuts down cleanly", async () => {
    const url = freshSqliteUrl();
    const first = await startServer({ DATABASE_URL: url });
    expect(first.output()).toMatch(/"applied":\["0001_init",[^\]]*\],"msg":"database migrations applied"/);
    const user = await createUser(first.url, "Persisted");
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.output()).toContain("shutting down");

    const second = await startServer({ DATABASE_URL: url });
    expect(second.output()).not.toContain("database migrations applied");
    const me = await request(second.url, "GET", "/api/v1/users/me", { token: user.token });
    expect(me.body.displayName).toBe("Persisted");
    expect(await second.stop("SIGINT")).toBe(0);
  });

  it("answers 503 in the API's JSON shape, with Retry-After, while it starts", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const child = spawn(process.execPath, [SERVER_BUNDLE], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: freshSqliteUrl(),
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "cbx-data-")),
      },
      stdio: "ignore",
    });
    try {
      const answers: { status: number; retryAfter: string | null; body: unknown }[] = [];
      while (answers.at(-1)?.status !== 200) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/system/health`).catch(() => null);
        if (res) answers.push({ status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() });
        await new Promise((r) => setTimeout(r, 10));
      }
      const starting = answers.filter((a) => a.status !== 200);
      expect(starting.length).toBeGreaterThan(0);
      for (const answer of starting) {
        expect(answer).toEqual({
          status: 503,
          retryAfter: "1",
          body: {
            error: {
              code: "unavailable",
              message: "The server is starting up. Try again in a moment.",
              key: "errors.server.startingUp",
              retryAfter: 1,
            },
          },
        });
      }
    } finally {
      child.kill("SIGTERM");
    }
  });
});
