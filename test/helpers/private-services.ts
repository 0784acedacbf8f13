// Throwaway Redis and PostgreSQL servers for fault tests. Each runs on its own free port with its data
// in a temp dir, so a test can stop and restart it mid-traffic without touching the machine's shared
// instances (127.0.0.1:5432 / :6379) that other test files use at the same time.
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PrivateService {
  /** `redis://127.0.0.1:<port>` or `postgresql://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** Temp dir holding the server's files (PostgreSQL: `data/`, `log`, the Unix socket); removed by `stop()`. */
  dir: string;
  /**
   * Stops the server, waits `downMs` and for `whileDown` (what a test does during the outage), then starts
   * it again on the same port (PostgreSQL keeps its data).
   */
  restart(downMs?: number, whileDown?: () => Promise<void>): Promise<void>;
  /** Stops the server and removes its files; safe to call more than once. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A port that was free a moment ago (listen on port 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `check` until it returns true; throws `failure()` after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, failure: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure());
    await sleep(50);
  }
}

/** Kills every private server still running when the test process exits, so none outlives it. */
export const exitHooks = new Set<() => void>();
process.once("exit", () => {
  for (const hook of exitHooks) {
    try {
      hook();
    } catch {
      // best effort on the way out
    }
  }
});

// --- Redis ----------------------------------------------------------------------------------------

/** True when a Redis server on `port` answers a raw `PING` with `+PONG`. */
export function redisPing(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let reply = "";
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on("error", () => finish(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      if (reply.includes("\r\n")) finish(reply.startsWith("+PONG"));
    });
  });
}

/** Sends SIGTERM (SIGKILL after `graceMs`) and resolves once the process has exited. */
export async function terminate(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A program from PATH, else from Debian's /usr/bin or /usr/sbin; null when it isn't installed. */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin", "/usr/sbin"];
  return dirs.map((dir) => path.join(dir, name)).find((file) => file.startsWith("/") && existsSync(file)) ?? null;
}

/** Starts a private `redis-server` (no persistence) on a free port. */
export async function startPrivateRedis(): Promise<PrivateService> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "cbx-redis-"));
  let child: ChildProcess | undefined;
  let output = "";
  let stopping: Promise<void> | undefined;

  const start = async (): Promise<void> => {
    output = "";
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
    const proc = spawn(findBinary("redis-server") ?? "/usr/bin/redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-4000);
    };
    proc.stdout?.on("data", collect);
    proc.stderr?.on("data", collect);
    proc.on("error", (error) => {
      output += `${error.message}\n`;
    });
    await waitUntil(
      async () => {
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`redis-server exited early:\n${output}`);
        return redisPing(port);
      },
      15_000,
      () => `redis-server on port ${port} did not answer PING:\n${output}`,
    );
  };

  const killNow = () => {
    child?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  exitHooks.add(killNow);

  try {
    await start();
  } catch (error) {
    exitHooks.delete(killNow);
    killNow();
    throw error;
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async restart(downMs = 0, whileDown) {
      if (stopping) throw new Error("private Redis was stopped");
      if (child) await terminate(child);
      await Promise.all([sleep(downMs), whileDown?.()]);
      await start();
    },
    stop() {
      stopping ??= (async () => {
        if (child) await terminate(child);
        exitHooks.delete(killNow);
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

// --- PostgreSQL -----------------------------------------------------------------------------------

/** The newest `/usr/lib/postgresql/<version>/bin` that has `initdb`. */
function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a)) : [];
  for (const version of versions) {
    const bin = path.join(root, version, "bin");
    if (existsSync(path.join(bin, "initdb"))) return bin;
  }
  throw new Error(`no PostgreSQL binaries (initdb) under ${root}/*/bin`);
}

/** Starts a private PostgreSQL cluster (trust auth, user `postgres`) on a free port. */
export async function startPrivatePostgres(): Promise<PrivateService> {
  const bin = postgresBinDir();
  const port = await freePort();
  // initdb and postgres refuse to run as root: run them as the `postgres` user, which must own the dir.
  const asRoot = process.getuid?.() === 0;
  const base = mkdtempSync(path.join(tmpdir(), "cbx-pg-"));
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    chownSync(base, id("-u"), id("-g"));
  }
  const dataDir = path.join(base, "data");
  const logFile = path.join(base, "log");

  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]] : [path.join(bin, tool), args];

  /** Runs a PostgreSQL tool to completion; the error includes its output and the server log. */
  const run = (tool: string, args: string[], timeoutMs = 60_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const [file, argv] = command(tool, args);
      // cwd = base: the postgres user may not be allowed into the test's working directory.
      execFile(file, argv, { cwd: base, timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
        if (!error) return resolve();
        const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-4000) : "";
        reject(new Error(`${tool} ${args.join(" ")} failed: ${error.message}\n${stdout}${stderr}\n--- server log ---\n${log}`));
      });
    });

  const serverOptions = [
    `-p ${port}`,
    `-k ${base}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
  ].join(" ");
  const start = () => run("pg_ctl", ["-D", dataDir, "-o", serverOptions, "-w", "-t", "60", "-l", logFile, "start"]);
  const stopServer = (mode: "fast" | "immediate") => run("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "stop"]);

  const killNow = () => {
    const [file, argv] = command("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    try {
      execFileSync(file, argv, { cwd: base, stdio: "ignore", timeout: 10_000 });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
  exitHooks.add(killNow);

  let stopping: Promise<void> | undefined;
  try {
    await run("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
    await start();
  } catch (error) {
    exitHooks.delete(killNow);
    try {
      killNow();
    } catch {
      // the server never started
    }
    throw error;
  }

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir: base,
    async restart(downMs = 0, whileDown) {
      if (stopping) throw new Error("private PostgreSQL was stopped");
      // A fast shutdown checkpoints, so committed data survives even with fsync=off.
      await stopServer("fast");
      await Promise.all([sleep(downMs), whileDown?.()]);
      await start();
    },
    stop() {
      stopping ??= (async () => {
        try {
          await stopServer("immediate");
        } catch {
          // already down (e.g. stopped mid-restart)
        }
        exitHooks.delete(killNow);
        rmSync(base, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
