import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type NetProxy, startNetProxy } from "./net-proxy";

interface TestServer {
  port: number;
  close: () => Promise<void>;
}

/** A TCP server on a free port that greets each connection with `greeting` (if any) and echoes what it receives. */
async function startEchoServer(greeting = ""): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.setNoDelay(true);
    if (greeting) socket.write(greeting);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A client socket that records everything it receives and when its connection closes. */
interface TestClient {
  socket: net.Socket;
  received: () => string;
  /** Resolves once `received()` holds at least `length` characters (rejects on timeout). */
  waitFor: (length: number, timeoutMs?: number) => Promise<string>;
  closed: Promise<void>;
}

async function connect(port: number): Promise<TestClient> {
  const socket = net.connect({ host: "127.0.0.1", port });
  socket.setNoDelay(true);
  socket.setEncoding("utf8");
  socket.on("error", () => {});
  let text = "";
  const listeners = new Set<() => void>();
  socket.on("data", (chunk: string) => {
    text += chunk;
    for (const listener of listeners) listener();
  });
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return {
    socket,
    received: () => text,
    closed,
    waitFor: (length, timeoutMs = 5000) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (text.length < length) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(text);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${length} chars; got ${JSON.stringify(text)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("net proxy", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(greetings: string[]): Promise<{ proxy: NetProxy; servers: TestServer[] }> {
    const servers = await Promise.all(greetings.map((greeting) => startEchoServer(greeting)));
    for (const server of servers) cleanups.push(server.close);
    const proxy = await startNetProxy(servers.map((server) => server.port));
    cleanups.push(proxy.close);
    return { proxy, servers };
  }

  async function greetingOf(proxy: NetProxy): Promise<string> {
    const client = await connect(proxy.port);
    const greeting = await client.waitFor(1);
    client.socket.destroy();
    return greeting;
  }

  it("spreads connections round-robin across upstreams", async () => {
    const { proxy } = await setup(["A", "B"]);
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    const greetings: string[] = [];
    for (let i = 0; i < 6; i++) greetings.push(await greetingOf(proxy));
    expect(greetings.join("")).toMatch(/^(AB){3}$|^(BA){3}$/);
    expect(proxy.stats()).toEqual({ accepted: 6, refused: 0, cut: 0 });
  });

  it("fails over to the next upstream, and drops the client only when all refuse", async () => {
    const { proxy, servers } = await setup(["A", "B"]);
    await servers[1].close();
    for (let i = 0; i < 4; i++) expect(await greetingOf(proxy)).toBe("A");
    expect(proxy.stats().refused).toBe(0);

    await servers[0].close();
    const client = await connect(proxy.port);
    await client.closed;
    expect(client.received()).toBe("");
    expect(proxy.stats().refused).toBe(1);

    // New upstreams take effect for new connections.
    const replacement = await startEchoServer("C");
    cleanups.push(replacement.close);
    proxy.setUpstreams([replacement.port]);
    expect(await greetingOf(proxy)).toBe("C");
  });

  it("delays every chunk by at least the delay and keeps byte order despite jitter", async () => {
    const { proxy } = await setup([""]);
    const client = await connect(proxy.port);
    proxy.delay(60, 40);
    const chunks = Array.from({ length: 40 }, (_, i) => `${i},`);
    const started = performance.now();
    for (const chunk of chunks) {
      client.socket.write(chunk);
      await sleep(2);
    }
    const expected = chunks.join("");
    await client.waitFor(expected.length);
    expect(client.received()).toBe(expected);
    // Each chunk crosses the proxy twice (there and back), each time at least 60 - 40 ms late.
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
  });

  it("adds the delay to the round trip, and delay(0) turns it off", async () => {
    const { proxy } = await setup([""]);
    const client = await connect(proxy.port);
    proxy.delay(100);
    const started = performance.now();
    client.socket.write("ping");
    await client.waitFor(4);
    // 100 ms on the way there and 100 ms on the way back; allow 2 ms timer slack.
    expect(performance.now() - started).toBeGreaterThanOrEqual(198);

    proxy.delay(0);
    const restarted = performance.now();
    client.socket.write("pong");
    await client.waitFor(8);
    expect(performance.now() - restarted).toBeLessThan(100);
  });

  it("stall holds bytes in both directions, then releases them in order", async () => {
    const { proxy } = await setup([""]);
    const client = await connect(proxy.port);
    client.socket.write("a");
    await client.waitFor(1);

    const started = performance.now();
    const stalled = proxy.stall(300);
    client.socket.write("bc");
    await sleep(20);
    client.socket.write("de");
    await sleep(150);
    expect(client.received()).toBe("a");
    await stalled;
    await client.waitFor(5);
    expect(client.received()).toBe("abcde");
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it("cut resets a fraction of the connections, then the rest", async () => {
    const { proxy } = await setup([""]);
    const clients = await Promise.all([0, 1, 2, 3].map(() => connect(proxy.port)));
    for (const client of clients) client.socket.write("hi");
    await Promise.all(clients.map((client) => client.waitFor(2)));
    expect(proxy.connections()).toBe(4);

    expect(proxy.cut(0.5)).toBe(2);
    await sleep(50);
    expect(clients.filter((client) => client.socket.destroyed)).toHaveLength(2);
    expect(proxy.connections()).toBe(2);

    expect(proxy.cut()).toBe(2);
    await Promise.all(clients.map((client) => client.closed));
    await sleep(20);
    expect(proxy.connections()).toBe(0);
    expect(proxy.stats().cut).toBe(4);

    // The proxy still accepts new connections.
    const fresh = await connect(proxy.port);
    fresh.socket.write("ok");
    expect(await fresh.waitFor(2)).toBe("ok");
    fresh.socket.destroy();
  });

  it("passes a clean close (FIN) through after the queued data", async () => {
    const { proxy } = await setup([""]);
    const client = await connect(proxy.port);
    proxy.delay(50);
    client.socket.end("bye");
    await client.closed;
    expect(client.received()).toBe("bye");
  });

  it("close() ends every connection and stops listening", async () => {
    const { proxy } = await setup([""]);
    const clients = await Promise.all([0, 1, 2].map(() => connect(proxy.port)));
    await sleep(20);
    expect(proxy.connections()).toBe(3);
    await proxy.close();
    await Promise.all(clients.map((client) => client.closed));
    expect(proxy.connections()).toBe(0);
    await expect(connect(proxy.port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
