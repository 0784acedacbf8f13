// `npx tsx bench/outbox-reconnect.ts [--runs 5] [--messages 100] [--rtt 0,50]`: how long the browser's
// messaging engine takes, from reconnecting, until an outbox of messages written offline is all acked.
// Starts the real server (production build, SQLite), runs lib/client's engine in this process over a real
// Socket.IO client, queues the messages while the socket is down, connects and waits for the outbox to
// empty. `--rtt` adds a simulated network round trip (ms) to every socket request the engine makes.
import { parseArgs } from "node:util";
import { io } from "socket.io-client";
import type { Activity } from "../lib/client/activity";
import { type FetchJson, MessagingEngine } from "../lib/client/messaging-engine";
import { memoryStore } from "../lib/client/outbox";
import { type MessagingTransport, socketTransport } from "../lib/client/transport";
import { createUser, request, type TestUser } from "../test/helpers/client";
import { openDirect, until } from "../test/helpers/messaging";
import { startServer } from "../test/helpers/server";

const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    messages: { type: "string", default: "100" },
    rtt: { type: "string", default: "0,50" },
  },
});
const runs = Number(opts.runs);
const count = Number(opts.messages);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const idle: Activity = { visible: () => false, attentive: () => false, subscribe: () => () => {} };

/** The transport with `rtt` ms added to each request: half on the way out, half on the way back. */
function delayed(inner: MessagingTransport, rtt: number): MessagingTransport {
  if (!rtt) return inner;
  return {
    ...inner,
    async request(event, payload, timeoutMs) {
      await sleep(rtt / 2);
      const ack = await inner.request(event, payload, timeoutMs);
      await sleep(rtt / 2);
      return ack;
    },
  };
}

async function once(base: string, ana: TestUser, conversationId: string, rtt: number): Promise<number> {
  const fetchJson: FetchJson = async (path, init) => {
    const res = await request(base, init?.method ?? "GET", path, { token: ana.token, json: init?.json });
    if (res.status >= 400) throw new Error(`${path}: ${res.status}`);
    return res.body;
  };
  const engine = new MessagingEngine({
    me: ana.userId,
    username: ana.username,
    openStore: async () => memoryStore(),
    fetchJson,
    activity: idle,
    upload: () => Promise.reject(new Error("no uploads here")),
  });
  const socket = io(base, {
    transports: ["websocket"],
    auth: { token: ana.token },
    autoConnect: false,
    reconnection: false,
    forceNew: true,
  });
  const stop = engine.start(delayed(socketTransport(socket), rtt));
  for (let i = 1; i <= count; i++) await engine.send(conversationId, `offline ${i}`);
  if (engine.store.getState().pending.length !== count) throw new Error("the outbox didn't hold every message");
  const start = performance.now();
  socket.connect();
  await until(() => engine.store.getState().pending.length === 0, 120_000);
  const elapsed = performance.now() - start;
  stop();
  socket.close();
  return elapsed;
}

const server = await startServer({ LIMIT_SENDS_PER_MINUTE: "1000000", LIMIT_SOCKET_EVENTS_PER_10S: "1000000" });
try {
  const [ana, ben] = [await createUser(server.url, "Ana"), await createUser(server.url, "Ben")];
  const chat = await openDirect(server.url, ana, ben);
  for (const rtt of opts.rtt.split(",").map(Number)) {
    const times: number[] = [];
    // One warm-up run, not counted.
    await once(server.url, ana, chat.id, rtt);
    for (let r = 0; r < runs; r++) times.push(await once(server.url, ana, chat.id, rtt));
    const history = await request(server.url, "GET", `/api/v1/conversations/${chat.id}/messages?limit=${count}`, { token: ana.token });
    const texts = (history.body.messages as { text: string }[]).map((m) => m.text);
    if (texts.join() !== Array.from({ length: count }, (_, i) => `offline ${i + 1}`).join()) throw new Error("stored out of order");
    times.sort((a, b) => a - b);
    const fmt = (ms: number) => `${Math.round(ms)} ms`;
    console.log(
      `${count} messages, simulated round trip ${rtt} ms: median ${fmt(times[Math.floor(runs / 2)])} (runs: ${times.map(fmt).join(", ")})`,
    );
  }
} finally {
  await server.stop();
}
