// Faults in a three-node deployment, each in the middle of live traffic from real client engines, each
// followed by the five invariants of chat-workload.ts. Redis and PostgreSQL are private instances
// (test/helpers/private-services.ts) so they can be restarted without touching anyone else's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SystemHealth } from "../../lib/contracts/system";
import { request } from "../helpers/client";
import { type PrivateService, startPrivatePostgres, startPrivateRedis } from "../helpers/private-services";
import { uniquePrefix } from "../helpers/redis";
import { type Chat, startChat } from "./chat-workload";
import { type Cluster, startCluster } from "./cluster";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: PrivateService;
let postgres: PrivateService;
let cluster: Cluster;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
  cluster = await startCluster({ size: 3, databaseUrl: postgres.url, redisUrl: redis.url, redisPrefix: uniquePrefix() });
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

/** The node with the most open sockets, and how many. */
async function busiest(): Promise<{ index: number; sockets: number }> {
  const counts = await Promise.all(
    cluster.nodes.map(async (node) => (node ? (await request<SystemHealth>(node.url, "GET", "/api/v1/system/health")).body.sockets : -1)),
  );
  const sockets = Math.max(...counts);
  return { index: counts.indexOf(sockets), sockets };
}

/**
 * Runs traffic with `fault` starting `after` ms in, then settles and checks the invariants; returns
 * what the fault did to the devices (so each test can show it really hit them).
 */
async function underTraffic(
  fault: (chat: Chat) => Promise<void>,
  { count = 30, everyMs = 60, after = 500 } = {},
): Promise<ReturnType<Chat["seen"]>> {
  const chat = await startChat(cluster.balancer.url);
  try {
    const traffic = chat.traffic(count, everyMs);
    await sleep(after);
    await fault(chat);
    await traffic;
    await chat.settle();
    await chat.check(cluster.balancer.url);
    return chat.seen();
  } finally {
    chat.close();
  }
}

const health = (base: string) => request<SystemHealth>(base, "GET", "/api/v1/system/health");

describe("faults in a three-node deployment", { timeout: 180_000 }, () => {
  it("a node killed with SIGKILL mid-traffic: its clients reconnect to the others", async () => {
    const seen = await underTraffic(async () => {
      const { index, sockets } = await busiest();
      expect(sockets).toBeGreaterThan(0);
      expect(await cluster.stop(index, "SIGKILL")).toBeNull();
      await sleep(1_000);
      await cluster.start(index);
    });
    expect(seen.disconnects).toBeGreaterThan(0);
  });

  it("a node killed between a database commit and its acks: what it stored shows up once", async () => {
    const index = 1;
    await cluster.stop(index);
    const doomed = await cluster.start(index, { TEST_CRASH_AFTER_COMMITS: "12" });
    const crashed = new Promise<NodeJS.Signals | null>((resolve) => doomed.process.once("exit", (_code, signal) => resolve(signal)));
    const seen = await underTraffic(
      async () => {
        expect(await crashed).toBe("SIGKILL");
        await cluster.stop(index);
        await cluster.start(index);
      },
      { after: 0 },
    );
    // The sends of the crashed commit were stored but never acknowledged; the invariants show each
    // ended up stored and shown once (the app's sync finds them before its outbox would resend them).
    expect(seen.failures).toBeGreaterThan(0);
  });

  it("Redis restarted mid-traffic: cross-node delivery resumes, clients catch up, nothing is lost", async () => {
    const seen = await underTraffic(async () => {
      const restarted = redis.restart(3_000);
      // Meanwhile each node still serves (HTTP 200), and says Redis is down.
      await expect
        .poll(
          async () => {
            const { status, body } = await health(cluster.url(0));
            return [status, body.status, body.redis.status];
          },
          { timeout: 10_000 },
        )
        .toEqual([200, "degraded", "down"]);
      await restarted;
    });
    await expect.poll(async () => (await health(cluster.url(0))).body.status, { timeout: 10_000 }).toBe("ok");
    // Broadcasts Redis lost with its restart (it keeps nothing on disk here) are fetched by every client.
    expect(seen.syncHints).toBeGreaterThanOrEqual(6);
  });

  it("PostgreSQL restarted mid-traffic: sends fail while it is down and are retried after", async () => {
    // Traffic long enough to overlap the outage, however long the fast shutdown's checkpoint takes (30
    // messages, 1.8 s, once ended before PostgreSQL went down).
    const seen = await underTraffic(() => postgres.restart(1_000), { count: 80 });
    expect(seen.failures).toBeGreaterThan(0);
  });

  it("a network that delays, stalls and resets connections between the clients and the nodes", async () => {
    cluster.balancer.delay(20, 20);
    try {
      const seen = await underTraffic(async () => {
        await cluster.balancer.stall(2_000);
        expect(cluster.balancer.cut(0.5)).toBeGreaterThan(0);
        await sleep(500);
        cluster.balancer.cut(1);
      });
      expect(seen.disconnects).toBeGreaterThan(0);
    } finally {
      cluster.balancer.delay(0);
    }
  });

  it("a rolling restart (SIGTERM, one node at a time): every node drains to the others", async () => {
    const seen = await underTraffic(
      async () => {
        for (const index of [0, 1, 2]) {
          expect(await cluster.stop(index, "SIGTERM")).toBe(0);
          await cluster.start(index);
        }
      },
      { count: 60, everyMs: 80, after: 300 },
    );
    expect(seen.disconnects).toBeGreaterThanOrEqual(6); // every device moved at least once
  });
});
