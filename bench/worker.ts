// A load-generator process: holds many Socket.IO connections and plays the app's part on each (send,
// report delivered and read, sync on connect) on command from bench/run.ts. Several run side by side;
// each binds its sockets to its own loopback source address so 20,000 connections don't run out of ports.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { Ack } from "../lib/contracts/errors";
import type { ChatMessage, ReceiptUpdate, SyncPage } from "../lib/contracts/messaging";
import type { ClientToServerEvents, ServerToClientEvents } from "../lib/contracts/socket-events";
import { mapLimit } from "./lib/limit";
import type { Command, Commands, Connection, LatencyResult, Reply, TickResult } from "./lib/protocol";

type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Client extends Connection {
  socket: BenchSocket;
  /** The highest seq held per conversation, as the app keeps it for sync. */
  cursors: Record<string, number>;
}

const localAddress = process.env.BENCH_LOCAL_ADDRESS || undefined;
const clients = new Map<string, Client>();
const absolute = () => performance.timeOrigin + performance.now();
const noop = () => {};

function client(key: string): Client {
  const c = clients.get(key);
  if (!c) throw new Error(`no connection ${key}`);
  return c;
}

function open(url: string, connection: Connection, cursors: Record<string, number> = {}): Promise<Client> {
  const socket: BenchSocket = io(connection.url ?? url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth: { token: connection.token },
    timeout: 30_000,
    // Passed through to the WebSocket (Node only).
    ...(localAddress ? { localAddress } : {}),
  });
  const c: Client = { ...connection, socket, cursors };
  socket.on("message:created", (m) => {
    if (m.seq > (c.cursors[m.conversationId] ?? 0)) c.cursors[m.conversationId] = m.seq;
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => {
      clients.set(c.key, c);
      resolve(c);
    });
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

function call<T>(socket: BenchSocket, event: "message:send" | "sync:request", payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (socket.emit as (e: string, p: unknown, ack: (r: Ack<T>) => void) => void)(event, payload, (r) =>
      r.ok ? resolve(r.data) : reject(new Error(`${event}: ${r.error.message}`)),
    );
  });
}

/** Pages through sync:request from the client's cursors, reporting delivery like the app; returns the messages received. */
async function sync(c: Client): Promise<number> {
  let received = 0;
  for (;;) {
    const page = await call<SyncPage>(c.socket, "sync:request", { cursors: c.cursors });
    let more = false;
    for (const { conversation, messages, hasMore } of page.conversations) {
      received += messages.length;
      const last = messages.at(-1)?.seq ?? conversation.lastSeq;
      if (last > (c.cursors[conversation.id] ?? 0)) c.cursors[conversation.id] = last;
      if (messages.length) c.socket.emit("message:delivered", { conversationId: conversation.id, seq: last }, noop);
      more ||= hasMore;
    }
    if (!more) return received;
  }
}

/** Closed loop per pair: A sends, B reports delivered and read as soon as it has the message, A waits for Read. */
async function ticks({ pairs, durationMs, encrypted }: Commands["ticks"]["args"]): Promise<TickResult> {
  const result: TickResult = { cycles: 0, sent: 0, received: 0, duplicates: 0, missing: 0, delivered: [], read: [] };
  const end = performance.now() + durationMs;
  await Promise.all(
    pairs.map(async (pair) => {
      const a = client(pair.a);
      const b = client(pair.b);
      const seen = new Set<string>();
      let delivered = { seq: 0, at: 0 };
      let read = { seq: 0, at: 0 };
      let wake = noop;
      const onMessage = (m: ChatMessage) => {
        if (m.conversationId !== pair.conversationId || m.senderId !== a.userId) return;
        if (seen.has(m.id)) return void result.duplicates++;
        seen.add(m.id);
        b.socket.emit("message:delivered", { conversationId: m.conversationId, seq: m.seq }, noop);
        b.socket.emit("conversation:read", { conversationId: m.conversationId, seq: m.seq }, noop);
      };
      const onReceipt = ({ conversationId, ticks }: ReceiptUpdate) => {
        if (conversationId !== pair.conversationId) return;
        const at = performance.now();
        if (ticks.deliveredSeq > delivered.seq) delivered = { seq: ticks.deliveredSeq, at };
        if (ticks.readSeq > read.seq) read = { seq: ticks.readSeq, at };
        wake();
      };
      b.socket.on("message:created", onMessage);
      a.socket.on("receipt:updated", onReceipt);
      try {
        while (performance.now() < end) {
          const t0 = performance.now();
          result.sent++;
          const { message } = await call<{ message: ChatMessage }>(a.socket, "message:send", {
            id: randomUUID(),
            conversationId: pair.conversationId,
            ...(encrypted ? { type: "encrypted", encrypted } : { text: "tick" }),
          });
          const done = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), 10_000);
            wake = () => {
              if (read.seq < message.seq) return;
              clearTimeout(timer);
              resolve(true);
            };
            wake();
          });
          wake = noop;
          if (!done) {
            result.missing++;
            break;
          }
          result.cycles++;
          result.delivered.push(delivered.at - t0);
          result.read.push(read.at - t0);
        }
      } finally {
        b.socket.off("message:created", onMessage);
        a.socket.off("receipt:updated", onReceipt);
        result.received += seen.size;
      }
    }),
  );
  return result;
}

/** Open loop: messages at a fixed rate spread over the pairs; B reports delivery on arrival. */
async function openLoop({ pairs, perSecond, durationMs }: Commands["openLoop"]["args"]): Promise<LatencyResult> {
  const result: LatencyResult = { sent: 0, received: [], delivered: [], lost: 0 };
  const sentAt = new Map<string, number>();
  const teardown = pairs.map((pair) => {
    const a = client(pair.a);
    const b = client(pair.b);
    const pending = new Map<number, number>();
    let watermark = { seq: 0, at: 0 };
    const onMessage = (m: ChatMessage) => {
      if (m.conversationId !== pair.conversationId || m.senderId !== a.userId) return;
      const t0 = sentAt.get(m.clientId);
      if (t0 !== undefined) result.received.push(performance.now() - t0);
      b.socket.emit("message:delivered", { conversationId: m.conversationId, seq: m.seq }, noop);
    };
    const onReceipt = ({ conversationId, ticks }: ReceiptUpdate) => {
      if (conversationId !== pair.conversationId || ticks.deliveredSeq <= watermark.seq) return;
      watermark = { seq: ticks.deliveredSeq, at: performance.now() };
      for (const [seq, t0] of pending) {
        if (seq > ticks.deliveredSeq) continue;
        result.delivered.push(watermark.at - t0);
        pending.delete(seq);
      }
    };
    b.socket.on("message:created", onMessage);
    a.socket.on("receipt:updated", onReceipt);
    const send = () => {
      const clientId = randomUUID();
      const t0 = performance.now();
      sentAt.set(clientId, t0);
      result.sent++;
      call<{ message: ChatMessage }>(a.socket, "message:send", { id: clientId, conversationId: pair.conversationId, text: "hello" }).then(
        ({ message }) => {
          // The Delivered tick can beat the ack home; then it came with the watermark that covered it.
          if (message.seq <= watermark.seq) result.delivered.push(watermark.at - t0);
          else pending.set(message.seq, t0);
        },
        () => {},
      );
    };
    return {
      send,
      pending,
      off: () => {
        b.socket.off("message:created", onMessage);
        a.socket.off("receipt:updated", onReceipt);
      },
    };
  });
  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.floor((Math.min(elapsed, durationMs) * perSecond) / 1000);
      while (result.sent < due) teardown[next++ % teardown.length].send();
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  const settle = performance.now() + 10_000;
  while (result.delivered.length < result.sent && performance.now() < settle) await new Promise((r) => setTimeout(r, 20));
  result.lost = result.sent - result.delivered.length;
  for (const t of teardown) t.off();
  return result;
}

// Fan-out: armed members record the arrival of each message by client id.
const arrivals = new Map<string, { count: number; last: number }>();
let armed = 0;
let arrived = noop;

function arm({ conversationId, keys }: Commands["arm"]["args"]): null {
  armed = keys.length;
  for (const key of keys) {
    const c = client(key);
    c.socket.on("message:created", (m) => {
      if (m.conversationId !== conversationId) return;
      const entry = arrivals.get(m.clientId) ?? { count: 0, last: 0 };
      entry.count++;
      entry.last = absolute();
      arrivals.set(m.clientId, entry);
      c.socket.emit("message:delivered", { conversationId, seq: m.seq }, noop);
      arrived();
    });
  }
  return null;
}

function awaitMessage({ clientId, timeoutMs }: Commands["awaitMessage"]["args"]): Promise<{ count: number; last: number }> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      arrived = noop;
      resolve(arrivals.get(clientId) ?? { count: 0, last: 0 });
    };
    const timer = setTimeout(finish, timeoutMs);
    arrived = () => {
      if ((arrivals.get(clientId)?.count ?? 0) >= armed) finish();
    };
    arrived();
  });
}

async function send({ key, conversationId, clientId, text }: Commands["send"]["args"]) {
  const sentAt = absolute();
  await call(client(key).socket, "message:send", { id: clientId, conversationId, text });
  return { sentAt, ackedAt: absolute() };
}

async function sendMany({ key, conversationId, count }: Commands["sendMany"]["args"]) {
  const socket = client(key).socket;
  const acks = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      call<{ message: ChatMessage }>(socket, "message:send", { id: randomUUID(), conversationId, text: `offline ${i + 1}` }),
    ),
  );
  return { lastSeq: Math.max(...acks.map((a) => a.message.seq)) };
}

async function syncFrom({ url, connection, cursors, expected }: Commands["syncFrom"]["args"]) {
  const t0 = performance.now();
  const c = await open(url, connection, { ...cursors });
  const connectMs = performance.now() - t0;
  const messages = await sync(c);
  const totalMs = performance.now() - t0;
  if (messages < expected) throw new Error(`synced ${messages} of ${expected} messages`);
  return { connectMs, totalMs, messages };
}

/** Everyone drops at once, then reconnects (retrying refused attempts like the app) and resyncs. */
async function storm({ url }: Commands["storm"]["args"]) {
  const all = [...clients.values()];
  const startedAt = absolute();
  for (const c of all) c.socket.disconnect();
  clients.clear();
  let failed = 0;
  let retries = 0;
  let connectedAt = 0;
  await Promise.all(
    all.map(async (c) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          const fresh = await open(url, c, c.cursors);
          connectedAt = Math.max(connectedAt, absolute());
          await sync(fresh);
          return;
        } catch {
          retries++;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
        }
      }
      failed++;
    }),
  );
  return { startedAt, connectedAt, doneAt: absolute(), failed, retries };
}

async function connect({ url, connections, concurrency }: Commands["connect"]["args"]) {
  let failed = 0;
  const connectMs = await mapLimit(connections, concurrency, async (connection) => {
    const t0 = performance.now();
    try {
      await open(url, connection);
    } catch {
      failed++;
    }
    return performance.now() - t0;
  });
  return { connectMs, failed };
}

function close({ keys }: Commands["close"]["args"]): null {
  for (const key of keys ?? [...clients.keys()]) {
    clients.get(key)?.socket.disconnect();
    clients.delete(key);
  }
  arrivals.clear();
  return null;
}

const handlers: { [K in keyof Commands]: (args: Commands[K]["args"]) => Commands[K]["result"] | Promise<Commands[K]["result"]> } = {
  connect,
  close,
  ticks,
  openLoop,
  arm,
  awaitMessage,
  send,
  sendMany,
  syncFrom,
  storm,
};

process.on("message", (command: Command) => {
  const run = handlers[command.cmd] as (args: unknown) => unknown;
  Promise.resolve()
    .then(() => run(command.args))
    .then(
      (result) => process.send?.({ id: command.id, ok: true, result } satisfies Reply),
      (error: Error) => process.send?.({ id: command.id, ok: false, error: error.stack ?? String(error) } satisfies Reply),
    );
});
process.on("disconnect", () => process.exit(0));
