// Scenario 3, latency: every user connected, a fixed message rate spread over them; B reports delivery.
import { type Bench, closeAll, connectAll, connection, deal, measured } from "../lib/bench";
import { distribution, round } from "../lib/stats";

export async function latency(bench: Bench, { perSecond, seconds }: { perSecond: number; seconds: number }) {
  const dealt = deal(bench.pairs, bench.pool.size);
  await connectAll(
    bench,
    dealt.map((ps) => ps.flatMap((p) => [connection(bench, p.a), connection(bench, p.b)])),
  );
  try {
    const { parts, cost } = await measured(bench, async () => ({
      parts: await bench.pool.all("openLoop", (i) => ({
        pairs: dealt[i],
        perSecond: perSecond / bench.pool.size,
        durationMs: seconds * 1000,
      })),
    }));
    const sent = parts.reduce((n, p) => n + p.sent, 0);
    return {
      users: bench.pairs.length * 2,
      perSecond,
      seconds,
      sent,
      lost: parts.reduce((n, p) => n + p.lost, 0),
      sendToReceivedMs: distribution(parts.flatMap((p) => p.received)),
      sendToDeliveredMs: distribution(parts.flatMap((p) => p.delivered)),
      serverCpuUsPerMessage: round((cost.serverCpuMs * 1000) / Math.max(sent, 1), 0),
      cost,
    };
  } finally {
    await closeAll(bench);
  }
}
