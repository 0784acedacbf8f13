// Scenario 5, offline sync: B is offline while A sends; B connects and syncs from its cursor.
import { type Bench, closeAll, connectAll, connection, measured } from "../lib/bench";
import { distribution } from "../lib/stats";

export async function offlineSync(bench: Bench, { messages, rounds }: { messages: number; rounds: number }) {
  const results = [];
  for (let r = 0; r < rounds; r++) {
    const pair = bench.pairs[r % bench.pairs.length];
    await connectAll(bench, [[connection(bench, pair.a)]]);
    try {
      // B's cursor: everything up to the first send, which B had before going offline.
      const { lastSeq } = await bench.pool.call(0, "sendMany", { key: pair.a, conversationId: pair.conversationId, count: messages });
      const cursors = { [pair.conversationId]: lastSeq - messages };
      results.push(
        await measured(bench, () =>
          bench.pool.call(bench.pool.size - 1, "syncFrom", {
            url: bench.url,
            connection: connection(bench, pair.b),
            cursors,
            expected: messages,
          }),
        ),
      );
    } finally {
      await closeAll(bench);
    }
  }
  return {
    messages,
    rounds,
    connectMs: distribution(results.map((r) => r.connectMs)),
    /** From starting to connect until B holds all of them. */
    connectAndSyncMs: distribution(results.map((r) => r.totalMs)),
    syncAfterConnectMs: distribution(results.map((r) => r.totalMs - r.connectMs)),
    serverCpuMsPerSync: distribution(results.map((r) => r.cost.serverCpuMs)),
  };
}
