// Web Push: a group whose members have no connected device but a push subscription each, to a push
// service in this process (plain HTTP on 127.0.0.1; it answers 201 without decrypting). Measures the time
// from a send to the last member's push and the server's CPU per push: encrypting the payload for the
// device (ECDH + AES-GCM), signing the VAPID JWT and the HTTP request, plus the lookups per message.
import { createECDH, randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { type Bench, measured } from "../lib/bench";
import { mapLimit } from "../lib/limit";
import { createGroup, post } from "../lib/setup";
import { distribution, round } from "../lib/stats";

export async function pushes(bench: Bench, { members, messages }: { members: number; messages: number }) {
  const [sender, ...others] = bench.users.slice(0, members);
  const conversationId = await createGroup(bench.url, sender, others);
  let received = 0;
  let lastAt = 0;
  const service = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received++;
      lastAt = performance.now();
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  // One key pair for every fake device: the server encrypts for each subscription all the same.
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const keys = { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  await mapLimit(others, 8, (u) =>
    post(bench.url, "/api/v1/notifications/push/subscriptions", { endpoint: `${origin}/push/${u.userId}`, keys }, auth(u.token)),
  );
  try {
    const toLast: number[] = [];
    const toAck: number[] = [];
    const { cost } = await measured(bench, async () => {
      for (let m = 0; m < messages; m++) {
        const expected = received + others.length;
        const t0 = performance.now();
        await post(
          bench.url,
          "/api/v1/messages",
          { id: randomUUID(), conversationId, text: `push ${m}: are you coming tonight?` },
          auth(sender.token),
        );
        toAck.push(performance.now() - t0);
        const deadline = Date.now() + 60_000;
        while (received < expected) {
          if (Date.now() > deadline)
            throw new Error(`message ${m}: ${received - expected + others.length} of ${others.length} pushes arrived`);
          await new Promise((r) => setTimeout(r, 5));
        }
        toLast.push(lastAt - t0);
      }
      return {};
    });
    const pushCount = others.length * messages;
    const busyMs = toLast.reduce((a, b) => a + b, 0);
    return {
      members,
      messages,
      sendToAckMs: distribution(toAck),
      sendToLastPushMs: distribution(toLast),
      pushesPerSecond: round(pushCount / (busyMs / 1000), 0),
      serverCpuMsPerPush: round(cost.serverCpuMs / pushCount, 3),
      cost,
    };
  } finally {
    // Later scenarios message these users: no pushes to a service that is gone.
    await mapLimit(others, 8, (u) =>
      fetch(`${bench.url}/api/v1/notifications/push/subscriptions`, { method: "DELETE", headers: auth(u.token) }),
    );
    await new Promise((resolve) => service.close(resolve));
  }
}
