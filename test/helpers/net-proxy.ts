// A userspace TCP load balancer for fault tests: it spreads client connections over several server
// nodes round-robin (failing over to the next node when one refuses, like nginx's
// `proxy_next_upstream error`) and can be told to misbehave.
//
// Why delay / stall / reset and not "packet loss": a userspace proxy only sees byte streams, never
// packets, and that is also all the application sees. Over TCP a lost packet is retransmitted, so
// to the application loss shows up as extra latency (`delay`, with jitter for uneven loss); a burst
// of loss (a flapping link, a partition that heals) shows up as bytes held back and then delivered
// all at once, in order (`stall`); and persistent loss ends in a dead connection once a timeout or
// keepalive gives up (`cut`, which resets both sides). Byte order within a direction is always
// preserved, as TCP guarantees.
import net from "node:net";
import { performance } from "node:perf_hooks";

export interface NetProxyStats {
  /** Client connections accepted. */
  accepted: number;
  /** Client connections dropped because every upstream refused (or failed) the connection. */
  refused: number;
  /** Connections destroyed by `cut()`. */
  cut: number;
}

export interface NetProxy {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Replaces the upstream ports (e.g. after a node restarts on a new port); affects new connections only. */
  setUpstreams(ports: number[]): void;
  /** From now on forward every chunk (both directions) after `ms ± jitterMs`, keeping byte order. `delay(0)` turns it off. */
  delay(ms: number, jitterMs?: number): void;
  /** Holds all bytes (both directions) for `ms`, then releases them in order; resolves when the stall ends. */
  stall(ms: number): Promise<void>;
  /** Resets (RST) a random `fraction` of the current connections, both sides; returns how many were cut. */
  cut(fraction?: number): number;
  /** Open client connections. */
  connections(): number;
  stats(): NetProxyStats;
  /** Closes the listener and destroys every connection. */
  close(): Promise<void>;
}

/** One direction of a proxied connection: bytes from `from` queued until they may be written to `to`. */
interface Direction {
  to: net.Socket;
  /** `data: null` is the end-of-stream marker (FIN), queued so it stays behind the data. */
  queue: { data: Buffer | null; at: number }[];
  timer: NodeJS.Timeout | undefined;
}

interface Connection {
  client: net.Socket;
  upstream: net.Socket | undefined;
  directions: Direction[];
}

export async function startNetProxy(upstreamPorts: number[]): Promise<NetProxy> {
  let upstreams = [...upstreamPorts];
  let nextUpstream = 0;
  let delayMs = 0;
  let jitterMs = 0;
  let stalledUntil = 0;
  let closed = false;
  const open = new Set<Connection>();
  const counters: NetProxyStats = { accepted: 0, refused: 0, cut: 0 };

  /** Writes every chunk of `dir` that is due; otherwise sleeps until the head of the queue is. */
  const pump = (dir: Direction): void => {
    clearTimeout(dir.timer);
    dir.timer = undefined;
    while (dir.queue.length > 0) {
      const head = dir.queue[0];
      const wait = Math.max(head.at, stalledUntil) - performance.now();
      if (wait > 0.5) {
        dir.timer = setTimeout(() => pump(dir), Math.ceil(wait));
        return;
      }
      dir.queue.shift();
      if (dir.to.destroyed) continue;
      if (head.data === null) dir.to.end();
      else dir.to.write(head.data);
    }
  };

  const enqueue = (dir: Direction, data: Buffer | null): void => {
    const jitter = jitterMs > 0 ? (Math.random() * 2 - 1) * jitterMs : 0;
    dir.queue.push({ data, at: performance.now() + Math.max(0, delayMs + jitter) });
    pump(dir);
  };

  const discard = (conn: Connection): void => {
    for (const dir of conn.directions) {
      clearTimeout(dir.timer);
      dir.queue.length = 0;
    }
  };

  /** Pairs the client with its upstream: each side's bytes and FIN go through a queue to the other. */
  const wire = (conn: Connection, upstream: net.Socket): void => {
    conn.upstream = upstream;
    const { client } = conn;
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      const dir: Direction = { to, queue: [], timer: undefined };
      let ended = false;
      conn.directions.push(dir);
      from.on("data", (chunk: Buffer) => enqueue(dir, chunk));
      from.on("end", () => {
        ended = true;
        enqueue(dir, null);
      });
      // A side that closes without a clean FIN (reset, crash, error) takes its peer down with it;
      // after a clean FIN the queued end marker closes the peer once the data before it is out.
      from.on("close", (hadError: boolean) => {
        if (ended && !hadError) return;
        discard(conn);
        to.destroy();
      });
    }
    client.resume();
  };

  /** Tries upstreams in order from `index`, moving on whenever one fails to connect. */
  const connectUpstream = (conn: Connection, ports: number[], index: number, attempts: number): void => {
    if (conn.client.destroyed) return;
    if (closed || attempts >= ports.length) {
      counters.refused++;
      conn.client.destroy();
      return;
    }
    const upstream = net.connect({ host: "127.0.0.1", port: ports[index % ports.length], allowHalfOpen: true });
    upstream.on("error", () => {}); // surfaced through 'close'
    const onFailure = () => connectUpstream(conn, ports, index + 1, attempts + 1);
    upstream.once("close", onFailure);
    upstream.once("connect", () => {
      upstream.off("close", onFailure);
      if (conn.client.destroyed || closed) upstream.destroy();
      else wire(conn, upstream);
    });
  };

  const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => {
    counters.accepted++;
    const conn: Connection = { client, upstream: undefined, directions: [] };
    open.add(conn);
    client.on("error", () => {}); // surfaced through 'close'
    client.on("close", () => open.delete(conn));
    const start = nextUpstream++;
    connectUpstream(conn, [...upstreams], start, 0);
  });
  server.on("error", () => {});

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setUpstreams(ports) {
      upstreams = [...ports];
    },
    delay(ms, jitter = 0) {
      delayMs = ms;
      jitterMs = jitter;
    },
    stall(ms) {
      stalledUntil = Math.max(stalledUntil, performance.now() + ms);
      return new Promise((resolve) => {
        setTimeout(() => {
          for (const conn of open) for (const dir of conn.directions) pump(dir);
          resolve();
        }, ms);
      });
    },
    cut(fraction = 1) {
      const candidates = [...open].sort(() => Math.random() - 0.5);
      const victims = candidates.slice(0, Math.round(candidates.length * Math.min(1, Math.max(0, fraction))));
      for (const conn of victims) {
        discard(conn);
        conn.client.resetAndDestroy();
        conn.upstream?.resetAndDestroy();
      }
      counters.cut += victims.length;
      return victims.length;
    },
    connections: () => open.size,
    stats: () => ({ ...counters }),
    close() {
      closed = true;
      const done: Promise<void>[] = [new Promise((resolve) => server.close(() => resolve()))];
      for (const conn of open) {
        discard(conn);
        for (const socket of [conn.client, conn.upstream]) {
          if (!socket || socket.closed) continue;
          done.push(new Promise((resolve) => socket.once("close", () => resolve())));
          socket.destroy();
        }
      }
      return Promise.all(done).then(() => open.clear());
    },
  };
}
