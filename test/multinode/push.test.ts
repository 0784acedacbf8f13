// Web Push with two nodes on one PostgreSQL database and one Redis: a device connected to one node gets
// no push for a message sent through the other (presence knows each socket's session across nodes), and
// every node signs with the one VAPID key pair stored in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../lib/contracts/messaging";
import type { PushKey } from "../../lib/contracts/notifications";
import { connect, connected, createUser, request } from "../helpers/client";
import { openDirect, until } from "../helpers/messaging";
import { signInDevice } from "../helpers/messaging-client";
import { type PushReceiver, startPushReceiver } from "../helpers/push-receiver";
import { testRedisUrl } from "../helpers/redis";
import { useCluster } from "./cluster";

const multiNode = Boolean(process.env.TEST_DATABASE_URL && testRedisUrl);

describe.runIf(multiNode)("Web Push across two nodes", () => {
  let receiver: PushReceiver;
  const nodes = useCluster(2, () => ({ PUSH_SERVICE_HOSTS: "http://127.0.0.1:*" }));
  beforeAll(async () => {
    receiver = await startPushReceiver();
  });
  afterAll(() => receiver?.close());

  it("skips the device connected to the other node, pushes to the one with no socket, with the shared key", async () => {
    const [ana, ben] = [await createUser(nodes.cluster.url(0), "Ana"), await createUser(nodes.cluster.url(0), "Ben")];
    const chat = await openDirect(nodes.cluster.url(0), ana, ben);
    const laptopToken = await signInDevice(nodes.cluster.url(1), ben);
    const [phone, laptop] = [receiver.device(), receiver.device()];
    for (const [token, device, node] of [
      [ben.token, phone, 0],
      [laptopToken, laptop, 1],
    ] as const) {
      const res = await request(nodes.cluster.url(node), "POST", "/api/v1/notifications/push/subscriptions", {
        token,
        json: device.subscription,
      });
      expect(res.status).toBe(201);
    }
    const socket = connect(nodes.cluster.url(1), { token: laptopToken });
    await connected(socket);
    const sent = await request<{ message: ChatMessage }>(nodes.cluster.url(0), "POST", "/api/v1/messages", {
      token: ana.token,
      json: { id: `mn-push-${Date.now()}`, conversationId: chat.id, text: "Across nodes" },
    });
    expect(sent.status).toBe(201);
    await until(() => phone.received.length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(laptop.received).toEqual([]);
    socket.close();

    const keys = await Promise.all(
      [0, 1].map(
        async (i) =>
          (await request<PushKey>(nodes.cluster.url(i), "GET", "/api/v1/notifications/push/key", { token: ben.token })).body.publicKey,
      ),
    );
    expect(keys[1]).toBe(keys[0]);
    expect(phone.received[0].vapid.key).toBe(keys[0]);
    expect(phone.received[0].payload).toMatchObject({ title: "Ana", body: "Across nodes" });
  });
});
