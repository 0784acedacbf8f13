import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import type { PresenceState } from "../../lib/contracts/messaging";
import { testRedis, testRedisUrl } from "../../test/helpers/redis";
import { ACTIVE_WINDOW_MS, MemoryPresence, type PresenceChange, type PresenceTracker } from "./presence";
import { RedisPresence, SOCKET_TTL_MS } from "./redis-presence";

const log = pino({ level: "silent" });
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/** Makes "nodes" sharing one presence store (Redis), or the single node of the in-memory one. */
type Cluster = (onChange: PresenceChange, now: () => number) => Promise<(node: number) => PresenceTracker>;

const clusters: { name: string; nodes: number; make: Cluster }[] = [
  {
    name: "memory",
    nodes: 1,
    make: async (onChange, now) => {
      const only = new MemoryPresence(onChange, async () => "2020-01-01T00:00:00.000Z", now);
      return () => only;
    },
  },
  ...(testRedisUrl
    ? [
        {
          name: "Redis",
          nodes: 2,
          make: (async (onChange, now) => {
            const redis = await testRedis();
            drops.push(redis.drop);
            const nodes = [0, 1].map(() => new RedisPresence(redis, onChange, async () => "2020-01-01T00:00:00.000Z", log, now));
            return (node: number) => nodes[node % nodes.length];
          }) satisfies Cluster,
        },
      ]
    : []),
];

describe.each(clusters)("presence ($name)", ({ make, nodes }) => {
  const setUp = async () => {
    let clock = 1_000_000_000;
    const changes: PresenceState[] = [];
    const node = await make(
      (s) => changes.push(s),
      () => clock,
    );
    return { node, changes, tick: (ms: number) => (clock += ms) };
  };

  it("reports online once for several devices, and offline with last seen when the last one leaves", async () => {
    const { node, changes, tick } = await setUp();
    await node(0).connected("ana", { id: "s1", sessionId: "ana-phone1" });
    await node(1).connected("ana", { id: "s2", sessionId: "ana-phone2" });
    expect(changes).toEqual([{ userId: "ana", online: true, lastSeenAt: null }]);
    tick(5_000);
    await node(1).active("ana");
    await node(0).disconnected("ana", { id: "s1", sessionId: "ana-phone1" });
    expect(changes).toHaveLength(1);
    expect(await node(0).state("ana")).toEqual({ userId: "ana", online: true, lastSeenAt: null });
    tick(1_000);
    await node(1).disconnected("ana", { id: "s2", sessionId: "ana-phone2" });
    expect(changes[1]).toEqual({ userId: "ana", online: false, lastSeenAt: new Date(1_000_005_000).toISOString() });
    expect(await node(0).state("ana")).toMatchObject({ online: false });
  });

  it("drops an idle user to last seen on the sweep, and brings them back on activity", async () => {
    const { node, changes, tick } = await setUp();
    await node(0).connected("ben", { id: "s1", sessionId: "ben-phone1" });
    tick(ACTIVE_WINDOW_MS - 1);
    await node(nodes - 1).sweep();
    expect(changes).toHaveLength(1);
    tick(1);
    await node(0).sweep(); // renews its sockets, then sees Ben idle
    await node(nodes - 1).sweep();
    expect(changes.map((c) => c.online)).toEqual([true, false]);
    await node(0).active("ben");
    expect(changes.map((c) => c.online)).toEqual([true, false, true]);
  });

  it("knows which devices have a connected socket on any node, idle or not", async () => {
    const { node, tick } = await setUp();
    await node(0).connected("eve", { id: "s1", sessionId: "eve-phone" });
    await node(1).connected("eve", { id: "s2", sessionId: "eve-laptop" });
    await node(1).connected("eve", { id: "s3", sessionId: "eve-laptop" });
    await node(0).connected("fay", { id: "s4", sessionId: "fay-phone" });
    expect(await node(0).connectedSessions(["eve", "gus"])).toEqual(new Set(["eve-phone", "eve-laptop"]));
    await node(1).disconnected("eve", { id: "s2", sessionId: "eve-laptop" });
    await node(0).disconnected("eve", { id: "s1", sessionId: "eve-phone" });
    tick(ACTIVE_WINDOW_MS * 2);
    await node(0).sweep();
    await node(1).sweep();
    expect(await node(nodes - 1).connectedSessions(["eve", "fay"])).toEqual(new Set(["eve-laptop", "fay-phone"]));
    expect(await node(0).connectedSessions([])).toEqual(new Set());
  });

  it("knows a user who never connected only by the stored last seen, and ignores activity without a device", async () => {
    const { node, changes } = await setUp();
    await node(0).active("cleo");
    expect(changes).toEqual([]);
    expect(await node(0).state("cleo")).toEqual({ userId: "cleo", online: false, lastSeenAt: "2020-01-01T00:00:00.000Z" });
  });
});

describe.skipIf(!testRedisUrl)("presence in Redis across nodes", () => {
  it("forgets the sockets of a node that died without a word once they expire", async () => {
    const redis = await testRedis();
    drops.push(redis.drop);
    let clock = 1_000_000_000;
    const changes: PresenceState[] = [];
    const [dead, alive] = [0, 1].map(
      () =>
        new RedisPresence(
          redis,
          (s) => changes.push(s),
          async () => null,
          log,
          () => clock,
        ),
    );
    await dead.connected("dan", { id: "s1", sessionId: "dan-phone1" });
    // The dead node never renews; Dan keeps pinging through it until it dies, then nothing.
    clock += SOCKET_TTL_MS - 1_000;
    await alive.sweep();
    expect(await alive.state("dan")).toMatchObject({ online: true });
    clock += ACTIVE_WINDOW_MS;
    await alive.sweep();
    expect(changes.map((c) => c.online)).toEqual([true, false]);
    expect(await alive.state("dan")).toMatchObject({ online: false, lastSeenAt: new Date(1_000_000_000).toISOString() });
    expect(await alive.connectedSessions(["dan"])).toEqual(new Set());
  });
});
