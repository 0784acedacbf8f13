// Three server nodes on one PostgreSQL database and one Redis (REDIS_URL): users on different nodes chat
// as if on one, with ticks, presence and typing, group fan-out, group changes every node honours, and
// shared rate limits. Uses the machine's PostgreSQL (a fresh database) and Redis (a fresh key prefix).

import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cryptoUserId } from "../../lib/contracts/e2ee";
import type { ChatMessage, ConversationSummary, PresenceState, ReceiptUpdate, TypingState } from "../../lib/contracts/messaging";
import type { SystemHealth } from "../../lib/contracts/system";
import { createUser, request, type TestSocket, type TestUser } from "../helpers/client";
import { newDevice, startDevice } from "../helpers/crypto-device";
import { freshPostgres, freshSqliteUrl } from "../helpers/databases";
import { ask, collect, online, openDirect, openToGroups, send, until } from "../helpers/messaging";
import { startNetProxy } from "../helpers/net-proxy";
import { dropPrefix, testRedisUrl, uniquePrefix } from "../helpers/redis";
import { startServer } from "../helpers/server";
import { type Cluster, startCluster } from "./cluster";

const multiNode = Boolean(process.env.TEST_DATABASE_URL && testRedisUrl);

describe.runIf(multiNode)("three nodes, one deployment", () => {
  let cluster: Cluster;
  let drop: () => Promise<void>;
  const node = (i: number) => cluster.url(i);

  const redisPrefix = uniquePrefix();

  beforeAll(async () => {
    const database = await freshPostgres();
    drop = database.drop;
    cluster = await startCluster({ size: 3, databaseUrl: database.url, redisUrl: testRedisUrl as string, redisPrefix });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await drop?.();
    await dropPrefix(testRedisUrl as string, redisPrefix);
  });

  it("reports Redis in the health check of every node", async () => {
    for (const i of [0, 1, 2]) {
      const { status, body } = await request<SystemHealth>(node(i), "GET", "/api/v1/system/health");
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: "ok", database: { status: "up", provider: "postgresql" }, redis: { status: "up" } });
    }
  });

  it("chats across nodes: delivery to every device, ticks, presence and typing", async () => {
    const [ana, ben] = [await createUser(node(0), "Ana"), await createUser(node(1), "Ben")];
    const chat = await openDirect(node(2), ana, ben);
    const b = await online(node(1), ben);
    expect(await ask<PresenceState[]>(b, "presence:subscribe", { userIds: [ana.userId] })).toMatchObject({
      ok: true,
      data: [{ online: false }],
    });
    const presence = collect<PresenceState>(b, "presence:updated");
    const typing = collect<TypingState>(b, "typing:updated");
    const atBen = collect<ChatMessage>(b, "message:created");

    const a = await online(node(0), ana);
    const anaPhone = await online(node(2), {
      ...ana,
      token: (await request(node(2), "POST", "/api/v1/auth/token", { json: ana })).body.token,
    });
    const onPhone = collect<ChatMessage>(anaPhone, "message:created");
    const ticks = collect<ReceiptUpdate>(a, "receipt:updated");
    await until(() => presence.some((p) => p.online && p.userId === ana.userId));

    a.emit("typing:start", { conversationId: chat.id });
    await until(() => typing.length > 0);
    expect(typing[0]).toEqual({ conversationId: chat.id, userId: ana.userId, typing: true });

    const { message } = await send(a, chat.id, "hello from node 0");
    await until(() => atBen.length === 1 && onPhone.length === 1);
    expect([atBen[0].id, onPhone[0].id]).toEqual([message.id, message.id]);

    expect(await ask(b, "message:delivered", { conversationId: chat.id, seq: message.seq })).toMatchObject({ ok: true });
    await until(() => ticks.some((t) => t.ticks.deliveredSeq === message.seq));
    expect(await ask(b, "conversation:read", { conversationId: chat.id, seq: message.seq })).toMatchObject({ ok: true });
    await until(() => ticks.some((t) => t.ticks.readSeq === message.seq));

    a.close();
    anaPhone.close();
    await until(() => presence.some((p) => !p.online && p.lastSeenAt !== null));
    b.close();
  });

  it("sends a profile change to the user's chat peers on every node, and to no stranger on any", async () => {
    const [ana, ben, eve] = await Promise.all(["Ana", "Ben", "Eve"].map((n, i) => createUser(node(i), n)));
    await openDirect(node(0), ana, ben);
    const [b, e] = await Promise.all([online(node(1), ben), online(node(2), eve)]);
    const atBen = collect<{ id: string; displayName: string }>(b, "user:updated");
    const atEve = collect(e, "user:updated");
    await request(node(0), "PATCH", "/api/v1/users/me", { token: ana.token, json: { displayName: "Ana María" } });
    await until(() => atBen.some((u) => u.id === ana.userId && u.displayName === "Ana María"));
    await new Promise((r) => setTimeout(r, 300));
    expect(atEve).toEqual([]);
    b.close();
    e.close();
  });

  it("fans a group out across nodes, and every node honours a membership change at once", async () => {
    const [ana, ben, cleo, dan] = await Promise.all(["Ana", "Ben", "Cleo", "Dan"].map((n, i) => createUser(node(i % 3), n)));
    await openToGroups(node(0), ben, cleo, dan);
    const created = await request<ConversationSummary>(node(0), "POST", "/api/v1/groups", {
      token: ana.token,
      json: { name: "Across", participants: [ben.userId, cleo.userId] },
    });
    const group = created.body.id;
    const [a, b, c, d] = await Promise.all([ana, ben, cleo, dan].map((u: TestUser, i) => online(node(i % 3), u)));
    const heard = { ben: collect<ChatMessage>(b, "message:created"), cleo: collect<ChatMessage>(c, "message:created") };
    const cleoTyping = collect<TypingState>(c, "typing:updated");
    const danHeard: string[] = [];
    d.onAny((event) => danHeard.push(event));

    const first = await send(a, group, "to everyone");
    await until(() => heard.ben.some((m) => m.id === first.message.id) && heard.cleo.some((m) => m.id === first.message.id));
    b.emit("typing:start", { conversationId: group });
    await until(() => cleoTyping.length === 1);

    // Node 0 removes Cleo; Ben's node (1) must stop counting her as a member for typing and receipts.
    const removed = await request(node(0), "DELETE", `/api/v1/groups/${group}/members/${cleo.userId}`, { token: ana.token });
    expect(removed.status).toBe(200);
    await until(() => heard.cleo.some((m) => m.type === "system"));
    await new Promise((r) => setTimeout(r, 300));
    b.emit("typing:start", { conversationId: group });
    const after = await send(a, group, "without Cleo");
    await until(() => heard.ben.some((m) => m.id === after.message.id));
    await new Promise((r) => setTimeout(r, 300));
    expect(cleoTyping).toHaveLength(1);
    expect(heard.cleo.map((m) => m.id)).not.toContain(after.message.id);
    expect(danHeard).toEqual([]);
    for (const s of [a, b, c, d]) s.close();
  });

  it("recovers a dropped connection on another node: the same rooms, and the events sent while it was away", async () => {
    const [ana, ben] = [await createUser(node(0), "Ana"), await createUser(node(0), "Ben")];
    const chat = await openDirect(node(0), ana, ben);
    // A balancer of two nodes: the first connection goes to node 0, the reconnection to node 1.
    const balancer = await startNetProxy([cluster.nodes[0]?.port as number, cluster.nodes[1]?.port as number]);
    const b: TestSocket = io(balancer.url, {
      transports: ["websocket"],
      auth: { token: ben.token },
      reconnectionDelay: 100,
      forceNew: true,
    });
    try {
      await new Promise((resolve) => b.once("connect", () => resolve(null)));
      const heard = collect<ChatMessage>(b, "message:created");
      const a = await online(node(2), ana);
      await send(a, chat.id, "before");
      await until(() => heard.length === 1);
      b.io.engine.close();
      await send(a, chat.id, "while away");
      await new Promise((resolve) => b.once("connect", () => resolve(null)));
      expect(balancer.stats().accepted).toBe(2);
      expect(b.recovered).toBe(true);
      await until(() => heard.length === 2);
      expect(heard.map((m) => m.text)).toEqual(["before", "while away"]);
      a.close();
    } finally {
      b.close();
      await balancer.close();
    }
  });

  it("signs a device out on every node: a revocation on one disconnects its socket on another", async () => {
    const user = await createUser(node(0));
    const socket = await online(node(2), user);
    const revoked = new Promise((resolve) => socket.once("session:revoked", () => resolve(true)));
    const gone = new Promise((resolve) => socket.once("disconnect", resolve));
    expect((await request(node(1), "DELETE", "/api/v1/auth/token", { token: user.token })).status).toBe(204);
    expect(await revoked).toBe(true);
    expect(await gone).toBe("io server disconnect");
  });

  it("counts failed sign-ins on every node against the same limit", async () => {
    const user = await createUser(node(0));
    for (let i = 0; i < 10; i++) {
      const res = await request(node(i % 2), "POST", "/api/v1/auth/token", {
        json: { username: user.username, password: "wrong password" },
      });
      expect(res.status).toBe(401);
    }
    const refused = await request(node(2), "POST", "/api/v1/auth/token", { json: { username: user.username, password: user.password } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("shares keys across nodes: one-time keys claimed on three nodes at once go out once, room keys reach a device on another node", async () => {
    const [ana, ben] = [await createUser(node(0), "Ana"), await createUser(node(1), "Ben")];
    const chat = await openDirect(node(2), ana, ben);
    const b = await startDevice(node(1), ben);
    const benSocket = await online(node(1), ben);
    const nudged = collect(benSocket, "to-device:queued");
    const deviceId = b.machine.deviceId.toString();
    const { count } = {
      count: (await request(node(1), "GET", "/api/v1/to-device", { token: ben.token })).body.device_one_time_keys_count.signed_curve25519,
    };
    const claimers = await Promise.all([0, 1, 2].map((i) => newDevice(node(i), ana)));
    const claims = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        request(node(i % 3), "POST", "/api/v1/keys/claim", {
          token: claimers[i % 3].token,
          json: { one_time_keys: { [cryptoUserId(ben.userId)]: { [deviceId]: "signed_curve25519" } } },
        }),
      ),
    );
    const keys = claims.map((res) => Object.values(res.body.one_time_keys[cryptoUserId(ben.userId)][deviceId] as { key: string }[])[0].key);
    expect(new Set(keys).size).toBe(count);
    // Ana's device on node 0 shares a room key with Ben's on node 1, which is told and decrypts.
    const a = await startDevice(node(0), ana);
    const content = await a.encrypt(chat.id, [ana.userId, ben.userId], "chatterbox.message", { text: "across nodes" });
    await until(() => nudged.length > 0);
    await b.sync();
    const clear = await b.decrypt(chat.id, { eventId: "e1", senderId: ana.userId, sentAt: Date.now(), content });
    expect(clear.content.text).toBe("across nodes");
  });

  it("shares a user's abuse limits between nodes: the 21st report of the hour is refused wherever it lands", async () => {
    const [lou, mo] = [await createUser(node(0), "Lou"), await createUser(node(1), "Mo")];
    const chat = (
      await request<ConversationSummary>(node(0), "POST", "/api/v1/conversations", { token: lou.token, json: { userId: mo.userId } })
    ).body;
    const report = (i: number) => request(node(i % 2), "POST", "/api/v1/reports", { token: lou.token, json: { conversationId: chat.id } });
    for (let i = 0; i < 20; i++) expect((await report(i)).status).toBe(201);
    const refused = await request(node(2), "POST", "/api/v1/reports", { token: lou.token, json: { conversationId: chat.id } });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", retryAfter: Number(refused.headers.get("retry-after")) });
  });
});

describe("multi-node mode's requirements", () => {
  it("refuses to start with REDIS_URL on SQLite, and says why", async () => {
    await expect(startServer({ DATABASE_URL: freshSqliteUrl(), REDIS_URL: "redis://127.0.0.1:6379" })).rejects.toThrow(
      /REDIS_URL turns on multi-node mode, which needs PostgreSQL: several server processes can't share a SQLite database/,
    );
  });
});
