// Scenario 2, tick cycles: A -> B, B reports delivered then read, A waits for Read; closed loop per pair.
import { type Bench, closeAll, connectAll, connection, deal, measured } from "../lib/bench";
import { distribution, round } from "../lib/stats";

/**
 * `encrypted`: the messages are this ciphertext (an end-to-end encrypted chat's, which the server stores and
 * relays without opening), on the next `pairs` pairs (their chats become encrypted for good).
 */
export async function tickCycles(
  bench: Bench,
  { pairs: count, seconds, encrypted }: { pairs: number; seconds: number; encrypted?: object },
) {
  const pairs = bench.pairs.slice(encrypted ? count : 0, encrypted ? 2 * count : count);
  const dealt = deal(pairs, bench.pool.size);
  await connectAll(
    bench,
    dealt.map((ps) => ps.flatMap((p) => [connection(bench, p.a), connection(bench, p.b)])),
  );
  try {
    const { parts, cost } = await measured(bench, async () => ({
      parts: await bench.pool.all("ticks", (i) => ({ pairs: dealt[i], durationMs: seconds * 1000, encrypted })),
    }));
    const sum = (k: "cycles" | "sent" | "received" | "duplicates" | "missing") => parts.reduce((n, p) => n + p[k], 0);
    const cycles = sum("cycles");
    return {
      pairs: pairs.length,
      seconds,
      cycles,
      cyclesPerSecond: round(cycles / (cost.wallMs / 1000), 0),
      serverCpuUsPerCycle: round((cost.serverCpuMs * 1000) / Math.max(cycles, 1), 0),
      sendToDeliveredMs: distribution(parts.flatMap((p) => p.delivered)),
      sendToReadMs: distribution(parts.flatMap((p) => p.read)),
      sent: sum("sent"),
      received: sum("received"),
      duplicates: sum("duplicates"),
      missing: sum("missing"),
      cost,
    };
  } finally {
    await closeAll(bench);
  }
}
