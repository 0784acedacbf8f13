// Reconnection that never gives up, with nothing but the stock socket.io-client: a node that can't look
// up sessions (its PostgreSQL is down, or it is still starting) closes the handshake instead of refusing
// it, so the client retries by itself and is back, in sync, once the node can answer. "unauthorized"
// stays a final refusal.
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncPage } from "../../lib/contracts/messaging";
import { connect, connected, createUser, request, type TestSocket, type TestUser } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { ask, send, startChat, until } from "../helpers/messaging";
import { freePort, type PrivateService, startPrivatePostgres } from "../helpers/private-services";
import { type RunningServer, startServer } from "../helpers/server";

/** The client as an app would configure it: reconnection on (its default), WebSocket only. */
const appSocket = (base: string, user: TestUser, options: { autoConnect?: boolean } = {}): TestSocket =>
  io(base, { auth: { token: user.token }, transports: ["websocket"], forceNew: true, ...options });

describe("a socket that connects while PostgreSQL is down", () => {
  let postgres: PrivateService;
  let server: RunningServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    server = await startServer({ DATABASE_URL: postgres.url });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.stop();
    await postgres?.stop();
  });

  it("comes back by itself once PostgreSQL is back, then gets messages live and by sync", async () => {
    const [ana, ben] = await Promise.all([createUser(server.url, "Ana"), createUser(server.url, "Ben")]);
    const chat = await startChat(server.url, ana, ben);
    const socket = appSocket(server.url, ben, { autoConnect: false });
    sockets.push(socket);
    const refusals: string[] = [];
    socket.on("connect_error", (err) => refusals.push(err.message));

    await postgres.restart(0, async () => {
      socket.connect();
      await new Promise((r) => setTimeout(r, 2_000));
      expect(socket.connected).toBe(false);
    });
    // The handshakes during the outage were closed (not refused), and the client came back by itself.
    expect(server.output()).toContain("socket authentication unavailable");
    await until(() => socket.connected, 20_000);
    expect(refusals.filter((m) => m !== "websocket error")).toEqual([]);

    const anaSocket = connect(server.url, { token: ana.token });
    sockets.push(anaSocket);
    await connected(anaSocket);
    const live = new Promise((resolve) => socket.once("message:created", resolve));
    const sent = await send(anaSocket, chat.id, "you are back");
    expect(await live).toMatchObject({ seq: sent.message.seq, clientId: sent.message.clientId });
    const sync = await ask<SyncPage>(socket, "sync:request", { cursors: {} });
    expect(sync.ok && sync.data.conversations.find((c) => c.conversation.id === chat.id)?.messages.map((m) => m.text)).toEqual([
      "you are back",
    ]);
  });

  it('still refuses a revoked session for good with "unauthorized"', async () => {
    const cai = await createUser(server.url, "Cai");
    expect((await request(server.url, "DELETE", "/api/v1/auth/token", { token: cai.token })).status).toBe(204);
    const socket = appSocket(server.url, cai);
    sockets.push(socket);
    await expect(connected(socket)).rejects.toThrow("unauthorized");
    expect(socket.active).toBe(false);
  });
});

describe("a socket that connects while its node starts", () => {
  it("is connected by itself once the node is up, however early it tried", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const user = await (async () => {
      // The user signs up on a first run of the node, which is then stopped.
      const url = freshSqliteUrl();
      const first = await startServer({ DATABASE_URL: url, PORT: String(port) });
      const created = await createUser(base, "Dee");
      await first.stop();
      return { created, url };
    })();
    // From before the node listens until it is ready: refused connections, then handshakes while its
    // context is not initialised, then a connection. Retries come quickly to hit every stage.
    const socket: TestSocket = io(base, {
      auth: { token: user.created.token },
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 20,
      reconnectionDelayMax: 50,
    });
    const finalRefusals: string[] = [];
    socket.on("connect_error", (err) => {
      if (!socket.active) finalRefusals.push(err.message);
    });
    const server = await startServer({ DATABASE_URL: user.url, PORT: String(port) });
    try {
      await until(() => socket.connected, 20_000);
      expect(finalRefusals).toEqual([]);
    } finally {
      socket.close();
      await server.stop();
    }
  });
});
