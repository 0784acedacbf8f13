// Scenario 4, group fan-out: one group with every member online; time from send until the last member
// has the message. Members report delivery as the app does, so the receipts' cost is included.
import { randomUUID } from "node:crypto";
import { type Bench, closeAll, connectAll, connection, deal, measured, sleep } from "../lib/bench";
import { createGroup } from "../lib/setup";
import { distribution, round } from "../lib/stats";

export async function fanout(bench: Bench, { members, messages }: { members: number; messages: number }) {
  const [sender, ...others] = bench.users.slice(0, members);
  const conversationId = await createGroup(bench.url, sender, others);
  const dealt = deal(others, bench.pool.size);
  await connectAll(bench, [[connection(bench, sender.userId)], ...dealt.slice(1).map(() => [])]);
  await connectAll(
    bench,
    dealt.map((us) => us.map((u) => connection(bench, u.userId))),
  );
  try {
    await bench.pool.all("arm", (i) => ({ conversationId, keys: dealt[i].map((u) => u.userId) }));
    const toLast: number[] = [];
    const toAck: number[] = [];
    const { cost } = await measured(bench, async () => {
      for (let m = 0; m < messages; m++) {
        const clientId = randomUUID();
        const arrivals = bench.pool.all("awaitMessage", () => ({ clientId, timeoutMs: 30_000 }));
        const { sentAt, ackedAt } = await bench.pool.call(0, "send", { key: sender.userId, conversationId, clientId, text: `to all ${m}` });
        const got = await arrivals;
        const count = got.reduce((n, g) => n + g.count, 0);
        if (count !== others.length) throw new Error(`message ${m} reached ${count} of ${others.length} members`);
        toAck.push(ackedAt - sentAt);
        toLast.push(Math.max(...got.map((g) => g.last)) - sentAt);
        // Let the delivery reports of this message settle, as a chat would between messages.
        await sleep(200);
      }
      return {};
    });
    const busyMs = toLast.reduce((a, b) => a + b, 0);
    return {
      members,
      messages,
      sendToLastMemberMs: distribution(toLast),
      sendToAckMs: distribution(toAck),
      deliveriesPerSecond: round((others.length * messages) / (busyMs / 1000), 0),
      cost,
    };
  } finally {
    await closeAll(bench);
  }
}
