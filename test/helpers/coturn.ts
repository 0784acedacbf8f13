// A private coturn (Debian's `coturn` package) for the TURN tests and the relay bench: on loopback, on a
// free port, checking credentials with the TURN REST API's shared secret as docs/deploy.md sets it up, but
// without TLS and with loopback peers allowed (both ends of a test run on this machine; a real relay must
// refuse them).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { exitHooks, findBinary, freePort, terminate, waitUntil } from "./private-services";

export interface Coturn {
  /** `turn:127.0.0.1:<port>?transport=udp`, for TURN_URLS. */
  url: string;
  pid: number;
  /** The relayed addresses' ports (coturn's min-port and max-port). */
  relayPorts: { min: number; max: number };
  /** What coturn logged so far (the last 256 KiB). */
  log(): string;
  /** Stops coturn and removes its files; safe to call more than once. */
  stop(): Promise<void>;
}

/** `turnserver`'s path, or null when coturn isn't installed. */
export const turnserverBinary = (): string | null => findBinary("turnserver");

/** True once something accepts TCP connections on the port (coturn listens on TCP and UDP together). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts coturn with `use-auth-secret` and this secret (the server's TURN_SECRET); `again`: where a coturn
 * stopped before listened (a relay that restarts, for the tests of calls coming back through it).
 */
export async function startCoturn(secret: string, again?: Pick<Coturn, "url" | "relayPorts">): Promise<Coturn> {
  const binary = turnserverBinary();
  if (!binary) throw new Error("coturn isn't installed (Debian: apt-get install coturn)");
  const port = again ? Number(new URL(again.url.replace("turn:", "turn://")).port) : await freePort();
  // A block of 100 relay ports above Linux's ephemeral range (32768-60999), picked at random so that two
  // coturns at once (a vitest file and a Playwright spec) rarely share one.
  const min = 61_000 + 100 * Math.floor(Math.random() * 45);
  const relayPorts = again?.relayPorts ?? { min, max: min + 99 };
  const dir = mkdtempSync(path.join(tmpdir(), "cbx-coturn-"));
  const args = [
    "-n",
    "--listening-ip=127.0.0.1",
    "--relay-ip=127.0.0.1",
    `--listening-port=${port}`,
    `--min-port=${relayPorts.min}`,
    `--max-port=${relayPorts.max}`,
    "--use-auth-secret",
    `--static-auth-secret=${secret}`,
    "--realm=chatterbox.test",
    "--no-tls",
    "--no-dtls",
    "--no-cli",
    "--allow-loopback-peers",
    `--pidfile=${path.join(dir, "turnserver.pid")}`,
    // Its own (empty) user database: coturn opens one even when the shared secret is all it checks.
    `--db=${path.join(dir, "turndb")}`,
    "--log-file=stdout",
    "--simple-log",
  ];
  const child: ChildProcess = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-256 * 1024);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  child.on("error", (error) => collect(Buffer.from(`${error.message}\n`)));

  const killNow = () => {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  exitHooks.add(killNow);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await terminate(child);
      exitHooks.delete(killNow);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`coturn exited early:\n${output}`);
        return listening(port);
      },
      15_000,
      () => `coturn did not listen on port ${port}:\n${output}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `turn:127.0.0.1:${port}?transport=udp`, pid: child.pid as number, relayPorts, log: () => output, stop };
}
