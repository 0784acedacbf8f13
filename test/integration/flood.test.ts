// One account floods typing and sync:request from one socket, reconnecting whenever the server closes it,
// while two other people chat: with the default limits (the socket's event budget, the typing budget)
// their message round trips keep their latency.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Ack } from "../../lib/contracts/errors";
import { connected, nextEvent } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { openDirect, send } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

describe.each(testDatabases)("a flood from one socket on $name", (database) => {
  const t = useTestServer(database);

  it("doesn't slow down another user's messages", { timeout: 60_000 }, async () => {
    const [ana, ben, xav, yan] = await t.people("Ana", "Ben", "Xav", "Yan");
    const chat = await openDirect(t.base, ana, ben);
    const target = await openDirect(t.base, xav, yan);
    const [anaSocket, benSocket, flooder] = [await t.connectAs(ana), await t.connectAs(ben), await t.connectAs(xav)];
    await t.connectAs(yan);
    const roundTrips = async (count: number) => {
      const ms: number[] = [];
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        const arrived = nextEvent(benSocket, "message:created");
        await send(anaSocket, chat.id, `round trip ${i}`);
        await arrived;
        ms.push(performance.now() - start);
      }
      return ms;
    };
    await roundTrips(10); // warm-up
    const quiet = await roundTrips(40);

    // 200 conversations the server must look up in each sync:request.
    const cursors = Object.fromEntries(Array.from({ length: 200 }, () => [randomUUID(), 0]));
    let flooding = true;
    let emitted = 0;
    let closed = 0;
    const answers: Promise<Ack<unknown> | null>[] = [];
    flooder.on("disconnect", () => closed++);
    const flood = (async () => {
      while (flooding) {
        // Like an attacker's script: back on at once whenever the server closes the connection.
        if (!flooder.connected) {
          flooder.connect();
          await connected(flooder).catch(() => {});
          continue;
        }
        for (let i = 0; i < 200; i++) flooder.emit("typing:start", { conversationId: target.id });
        for (let i = 0; i < 20; i++)
          answers.push(
            (flooder.timeout(5_000) as any).emitWithAck("sync:request", { cursors }).catch(() => null), // lost with its connection
          );
        emitted += 220;
        await sleep(1);
      }
    })();
    await sleep(200);
    const flooded = await roundTrips(40);
    flooding = false;
    await flood;
    const acks = await Promise.all(answers);
    const refused = acks.filter((a) => a && !a.ok && a.error.code === "rate_limited").length;

    const figures = {
      emitted,
      closed,
      syncRequests: acks.length,
      answered: acks.filter((a) => a?.ok).length,
      refused,
      quietMs: { p50: percentile(quiet, 0.5), p95: percentile(quiet, 0.95) },
      floodedMs: { p50: percentile(flooded, 0.5), p95: percentile(flooded, 0.95) },
    };
    console.info(`flood on ${database.name}: ${JSON.stringify(figures)}`);
    expect(emitted).toBeGreaterThan(5_000);
    expect(refused).toBeGreaterThan(0);
    expect(closed).toBeGreaterThan(0);
    // Generous (a shared 2-core machine runs this): the flood must not make Ana's messages wait on it.
    expect(figures.floodedMs.p50).toBeLessThan(Math.max(5 * figures.quietMs.p50, 50));
    expect(figures.floodedMs.p95).toBeLessThan(Math.max(5 * figures.quietMs.p95, 250));
  });
});
