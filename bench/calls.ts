// `npx tsx bench/calls.ts [--pairs 500] [--setups 200] [--hold-seconds 20]`: what calls cost the server
// (production build, SQLite), with Socket.IO clients playing the apps of `--pairs` pairs of people:
// - a call set up end to end, one at a time (`--setups` of them): start -> ringing on the callee's device,
//   answer -> the caller sees it answered, then an offer, an answer and four ICE candidates relayed each way,
//   and the hang-up; the latencies, and the server's CPU per set-up;
// - the same set-ups with every pair at once: calls set up per second;
// - every pair in a call at once, each device sending its heartbeat every 5 s for `--hold-seconds`: the
//   server's CPU for calls that are only going on (the media never touches it).
// The media itself is the browsers' (peer to peer, or through the TURN relay: bench/turn-relay.ts).
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { CALL_HEARTBEAT_MS } from "../lib/contracts/calls";
import { connect, connected, type TestSocket } from "../test/helpers/client";
import { freshSqliteUrl } from "../test/helpers/databases";
import { startServer } from "../test/helpers/server";
import { BENCH_LIMITS } from "./lib/bench";
import { mapLimit } from "./lib/limit";
import { sample } from "./lib/proc";
import { createUsers, openPairs } from "./lib/setup";
import { distribution, round } from "./lib/stats";

const { values: opts } = parseArgs({
  options: {
    pairs: { type: "string", default: "500" },
    setups: { type: "string", default: "200" },
    "hold-seconds": { type: "string", default: "20" },
  },
});
const pairCount = Number(opts.pairs);
const setups = Number(opts.setups);
const holdSeconds = Number(opts["hold-seconds"]);

type Ack = { ok: true; data: Record<string, unknown> } | { ok: false; error: { message: string } };
const ask = async (socket: TestSocket, event: string, payload: unknown) => {
  const ack = (await (socket.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck(
    event,
    payload,
  )) as Ack;
  if (!ack.ok) throw new Error(`${event}: ${ack.error.message}`);
  return ack.data;
};
interface CallView {
  id: string;
  state: string;
  participants: { userId: string; deviceId: string | null }[];
}
/** Resolves with the first `event` payload `socket` gets that `match` accepts. */
const next = <T>(socket: TestSocket, event: "call:updated" | "call:signal", match: (payload: T) => boolean) =>
  new Promise<T>((resolve) => {
    const events = socket as unknown as { on(e: string, l: (p: T) => void): void; off(e: string, l: (p: T) => void): void };
    const listener = (payload: T) => {
      if (!match(payload)) return;
      events.off(event, listener);
      resolve(payload);
    };
    events.on(event, listener);
  });

const sdp = `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n${"a=candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host\r\n".repeat(20)}`;
const candidate = (i: number) => ({
  plain: {
    type: "candidate",
    candidate: { candidate: `candidate:${i} 1 udp 2122260223 10.0.0.${i} 5${i}000 typ host`, sdpMid: "0", sdpMLineIndex: 0 },
  },
});

/** One call set up and hung up between two connected devices; the milliseconds each step took. */
async function setUp(caller: { socket: TestSocket; userId: string }, callee: { socket: TestSocket; userId: string }) {
  const t0 = performance.now();
  const ringing = next<{ call: CallView }>(callee.socket, "call:updated", (u) => u.call.state === "ringing");
  const { callId } = (await ask(caller.socket, "call:start", { to: callee.userId, kind: "video" })) as { callId: string };
  await ringing;
  const ringMs = performance.now() - t0;
  const answered = next<{ call: CallView }>(caller.socket, "call:updated", (u) => u.call.id === callId && u.call.state === "ongoing");
  await ask(callee.socket, "call:answer", { callId, accept: true });
  const { call } = await answered;
  const answerMs = performance.now() - t0 - ringMs;
  const device = (userId: string) => ({ userId, deviceId: call.participants.find((p) => p.userId === userId)?.deviceId });
  const [toCaller, toCallee] = [device(caller.userId), device(callee.userId)];
  const offerThere = next(callee.socket, "call:signal", () => true);
  await ask(caller.socket, "call:signal", { callId, to: toCallee, signal: { plain: { type: "offer", sdp } } });
  await offerThere;
  await ask(callee.socket, "call:signal", { callId, to: toCaller, signal: { plain: { type: "answer", sdp } } });
  await Promise.all(
    [1, 2, 3, 4].flatMap((i) => [
      ask(caller.socket, "call:signal", { callId, to: toCallee, signal: candidate(i) }),
      ask(callee.socket, "call:signal", { callId, to: toCaller, signal: candidate(i) }),
    ]),
  );
  const setUpMs = performance.now() - t0;
  return { callId, ringMs, answerMs, setUpMs };
}

const server = await startServer({ DATABASE_URL: freshSqliteUrl(), ...BENCH_LIMITS, TRUST_PROXY: "true" });
const pid = server.process.pid as number;
try {
  const { users } = await createUsers(server.url, pairCount * 2);
  await openPairs(server.url, users);
  const devices = await mapLimit(users, 16, async (u) => {
    const socket = connect(server.url, { token: u.token });
    await connected(socket);
    return { socket, userId: u.userId };
  });
  const pairs = Array.from({ length: pairCount }, (_, i) => [devices[2 * i], devices[2 * i + 1]] as const);

  // One at a time.
  const steps: Awaited<ReturnType<typeof setUp>>[] = [];
  let cpu = sample(pid).cpuMs;
  for (let i = 0; i < setups; i++) {
    const [a, b] = pairs[i % pairCount];
    const step = await setUp(a, b);
    await ask(a.socket, "call:hangup", { callId: step.callId });
    steps.push(step);
  }
  const serialCpuMs = sample(pid).cpuMs - cpu;

  // Every pair at once.
  cpu = sample(pid).cpuMs;
  let at = performance.now();
  const held = await Promise.all(pairs.map(([a, b]) => setUp(a, b)));
  const burstMs = performance.now() - at;
  const burstCpuMs = sample(pid).cpuMs - cpu;

  // Every pair in a call, the devices only saying they are there.
  cpu = sample(pid).cpuMs;
  at = performance.now();
  const beat = setInterval(() => {
    for (const [i, [a, b]] of pairs.entries()) {
      a.socket.emit("call:heartbeat", { callId: held[i].callId });
      b.socket.emit("call:heartbeat", { callId: held[i].callId });
    }
  }, CALL_HEARTBEAT_MS);
  await new Promise((resolve) => setTimeout(resolve, holdSeconds * 1000));
  clearInterval(beat);
  const holdCpuMs = sample(pid).cpuMs - cpu;
  const holdWallS = (performance.now() - at) / 1000;
  await Promise.all(pairs.map(([a], i) => ask(a.socket, "call:hangup", { callId: held[i].callId })));

  console.log(
    JSON.stringify(
      {
        oneAtATime: {
          setups,
          startToRingingMs: distribution(steps.map((s) => s.ringMs)),
          answerToAnsweredMs: distribution(steps.map((s) => s.answerMs)),
          setUpMs: distribution(steps.map((s) => s.setUpMs)),
          serverCpuMsPerSetUpAndHangUp: round(serialCpuMs / setups, 2),
        },
        allAtOnce: {
          calls: pairCount,
          setUpsPerSecond: round(pairCount / (burstMs / 1000), 0),
          setUpMs: distribution(held.map((s) => s.setUpMs)),
          serverCpuMsPerSetUp: round(burstCpuMs / pairCount, 2),
        },
        ongoing: {
          calls: pairCount,
          seconds: round(holdWallS, 1),
          serverCpuPercentOfOneCore: round((holdCpuMs / (holdWallS * 1000)) * 100, 2),
          serverRssMiB: round(sample(pid).rssBytes / 1024 / 1024, 0),
        },
      },
      null,
      2,
    ),
  );
  for (const d of devices) d.socket.close();
} finally {
  await server.stop();
}
