// The bench's tick-cycle scenario, briefly, as a correctness check: every message arrives exactly once and
// every cycle gets its Delivered and Read ticks. (Speed is measured by `npm run bench`, not here.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_LIMITS, type Bench } from "../../bench/lib/bench";
import { GeneratorPool } from "../../bench/lib/pool";
import { createUsers, openPairs } from "../../bench/lib/setup";
import { tickCycles } from "../../bench/scenarios/ticks";
import { testDatabases } from "../helpers/databases";
import { type RunningServer, startServer } from "../helpers/server";

describe.each(testDatabases)("bench tick cycles on $name", (database) => {
  let server: RunningServer;
  let pool: GeneratorPool;
  let bench: Bench;

  beforeAll(async () => {
    server = await startServer({ ...BENCH_LIMITS, TRUST_PROXY: "true", DATABASE_URL: database.url() });
    pool = GeneratorPool.start(1);
    const { users } = await createUsers(server.url, 6);
    bench = {
      url: server.url,
      serverPids: [server.process.pid as number],
      nodeOf: () => server.url,
      pool,
      users,
      tokens: new Map(users.map((u) => [u.userId, u.token])),
      pairs: await openPairs(server.url, users),
    };
  });
  afterAll(async () => {
    pool?.stop();
    await server?.stop();
  });

  it("delivers every message once and brings back both ticks for each", async () => {
    const result = await tickCycles(bench, { pairs: 3, seconds: 2 });
    expect(result.cycles).toBeGreaterThan(10);
    expect(result).toMatchObject({ sent: result.cycles, received: result.cycles, duplicates: 0, missing: 0 });
    expect(result.sendToReadMs.count).toBe(result.cycles);
  });
});
