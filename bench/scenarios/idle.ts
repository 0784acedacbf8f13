// Scenario 1, idle connections: server memory per authenticated connection and how fast they connect.
import { type Bench, closeAll, connectAll, connection, deal, measured, serverRss, sleep } from "../lib/bench";
import { distribution, round } from "../lib/stats";

export async function idleConnections(bench: Bench, { connections: count }: { connections: number }) {
  const connections = Array.from({ length: count }, (_, i) => {
    const user = bench.users[i % bench.users.length];
    return connection(bench, user.userId, `${user.userId}#${i}`);
  });
  await sleep(2000);
  const before = serverRss(bench);
  try {
    const { connectMs, cost } = await measured(bench, async () => ({
      connectMs: await connectAll(bench, deal(connections, bench.pool.size), 100),
    }));
    await sleep(3000);
    const after = serverRss(bench);
    return {
      connections: count,
      users: Math.min(count, bench.users.length),
      rssBeforeMiB: round(before / 2 ** 20, 1),
      rssAfterMiB: round(after / 2 ** 20, 1),
      rssPerConnectionKiB: round((after - before) / count / 1024, 1),
      connectsPerSecond: round(count / (cost.wallMs / 1000), 0),
      serverCpuUsPerConnect: round((cost.serverCpuMs * 1000) / count, 0),
      connectMs: distribution(connectMs),
      cost,
    };
  } finally {
    await closeAll(bench);
  }
}
