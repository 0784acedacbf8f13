// Scenario 6, reconnect storm: every client drops and reconnects at once, then resyncs.
import { type Bench, closeAll, connectAll, connection, deal, measured, sleep } from "../lib/bench";
import { round } from "../lib/stats";

export async function reconnectStorm(bench: Bench, { clients }: { clients: number }) {
  const connections = Array.from({ length: clients }, (_, i) => {
    const user = bench.users[i % bench.users.length];
    return connection(bench, user.userId, `${user.userId}#${i}`);
  });
  await connectAll(bench, deal(connections, bench.pool.size));
  await sleep(1000);
  try {
    const { parts, cost } = await measured(bench, async () => ({ parts: await bench.pool.all("storm", () => ({ url: bench.url })) }));
    const failed = parts.reduce((n, p) => n + p.failed, 0);
    return {
      clients,
      allConnectedMs: round(Math.max(...parts.map((p) => p.connectedAt)) - Math.min(...parts.map((p) => p.startedAt)), 0),
      allBackAndSyncedMs: round(Math.max(...parts.map((p) => p.doneAt)) - Math.min(...parts.map((p) => p.startedAt)), 0),
      failed,
      retries: parts.reduce((n, p) => n + p.retries, 0),
      cost,
    };
  } finally {
    await closeAll(bench);
  }
}
