// One-to-one messaging against the real server: ticks, offline catch-up, idempotent retries, several
// devices, isolation of non-members, restarts, and bad input on both transports.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatMessage, messageStatus, type ReceiptUpdate, type SyncPage } from "../../lib/contracts/messaging";
import { createUser, request } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { ask, collect, online, openDirect, send, until } from "../helpers/messaging";
import { type RunningServer, startServer } from "../helpers/server";

describe.each(testDatabases)("messaging on $name", (database) => {
  let server: RunningServer;
  let base: string;
  let dbUrl: string;

  beforeAll(async () => {
    dbUrl = database.url();
    server = await startServer({ DATABASE_URL: dbUrl });
    base = server.url;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("takes a message through Sent, Delivered and Read while both are online", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    const [a, b] = [await online(base, ana), await online(base, ben)];
    const receipts = collect<ReceiptUpdate>(a, "receipt:updated");
    const arrived = collect<ChatMessage>(b, "message:created");

    const { message } = await send(a, chat.id, "Hola Ben");
    expect(message).toMatchObject({ seq: 1, senderId: ana.userId, text: "Hola Ben", conversationId: chat.id });
    const status = () => messageStatus(message.seq, { group: null, ticks: receipts.at(-1)?.ticks ?? { deliveredSeq: 0, readSeq: 0 } });
    expect(status()).toBe("sent");

    await until(() => arrived.length === 1);
    expect(arrived[0].id).toBe(message.id);
    // The reporting device learns the outcome from the ack; its socket gets no push for it.
    expect(await ask(b, "message:delivered", { conversationId: chat.id, seq: 1 })).toMatchObject({
      ok: true,
      data: { userId: ben.userId, deliveredSeq: 1, readSeq: 0, ticks: { deliveredSeq: 1, readSeq: 0 } },
    });
    await until(() => status() === "delivered");
    await ask(b, "conversation:read", { conversationId: chat.id, seq: 1 });
    await until(() => status() === "read");
    expect(receipts).toEqual([
      { conversationId: chat.id, ticks: { deliveredSeq: 1, readSeq: 0 } },
      { conversationId: chat.id, ticks: { deliveredSeq: 1, readSeq: 1 } },
    ]);

    // The truth survives a reload: the summary carries the ticks.
    const summary = await request(base, "GET", `/api/v1/conversations/${chat.id}`, { token: ana.token });
    expect(messageStatus(1, summary.body)).toBe("read");
    expect(summary.body).toMatchObject({ mine: { deliveredSeq: 1, readSeq: 1 }, ticks: { deliveredSeq: 1, readSeq: 1 } });
    a.close();
    b.close();
  });

  it("keeps messages for an offline receiver and replays them in order on reconnect", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    const a = await online(base, ana);
    const receipts = collect<ReceiptUpdate>(a, "receipt:updated");
    for (let i = 1; i <= 5; i++) await send(a, chat.id, `message ${i}`);

    const b = await online(base, ben);
    const page = await ask<SyncPage>(b, "sync:request", { cursors: { [chat.id]: 0 } });
    expect(page.ok).toBe(true);
    const synced = page.ok ? page.data.conversations.find((c) => c.conversation.id === chat.id) : undefined;
    expect(synced?.messages.map((m) => m.text)).toEqual(["message 1", "message 2", "message 3", "message 4", "message 5"]);
    expect(synced?.hasMore).toBe(false);
    expect(synced?.conversation.unreadCount).toBe(5);

    await ask(b, "message:delivered", { conversationId: chat.id, seq: 5 });
    await until(() => receipts.some((r) => r.ticks.deliveredSeq === 5));
    const unread = await request(base, "GET", "/api/v1/messages/unread", { token: ben.token });
    expect(unread.body.messages).toEqual([]);
    a.close();
    b.close();
  });

  it("pages a long backlog and delivers receipts that happened while the sender was away", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    for (let i = 1; i <= 7; i++) {
      await request(base, "POST", "/api/v1/messages", {
        token: ana.token,
        json: { id: randomUUID(), conversationId: chat.id, text: `m${i}` },
      });
    }
    const b = await online(base, ben);
    const texts: string[] = [];
    let cursor = 0;
    for (let more = true; more; ) {
      const page = await ask<SyncPage>(b, "sync:request", { cursors: { [chat.id]: cursor }, limit: 3 });
      if (!page.ok) throw new Error(page.error.message);
      const c = page.data.conversations.find((x) => x.conversation.id === chat.id);
      texts.push(...(c?.messages.map((m) => m.text) ?? []));
      cursor = c?.messages.at(-1)?.seq ?? cursor;
      more = c?.hasMore ?? false;
    }
    expect(texts).toEqual(["m1", "m2", "m3", "m4", "m5", "m6", "m7"]);
    await ask(b, "conversation:read", { conversationId: chat.id, seq: 7 });
    b.close();

    // Ana was never connected: her next sync shows Read.
    const a = await online(base, ana);
    const page = await ask<SyncPage>(a, "sync:request", { cursors: { [chat.id]: 7 } });
    const summary = page.ok ? page.data.conversations[0].conversation : undefined;
    expect(summary && messageStatus(7, summary)).toBe("read");
    a.close();
  });

  it("stores a message once however often the sender retries its id", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    const a = await online(base, ana);
    const id = randomUUID();
    const acks = await Promise.all([1, 2, 3].map(() => send(a, chat.id, "only once", id)));
    const again = await request(base, "POST", "/api/v1/messages", {
      token: ana.token,
      json: { id, conversationId: chat.id, text: "only once" },
    });
    expect(new Set([...acks.map((x) => x.message.id), again.body.message.id]).size).toBe(1);
    expect(acks.filter((x) => !x.duplicate)).toHaveLength(1);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    const history = await request(base, "GET", `/api/v1/conversations/${chat.id}/messages`, { token: ben.token });
    expect(history.body.messages.map((m: ChatMessage) => m.text)).toEqual(["only once"]);
    a.close();
  });

  it("stores pipelined sends from one socket in the order they were sent", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    const a = await online(base, ana);
    const acks = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        ask(
          a,
          "message:send",
          i % 2 ? { id: randomUUID(), conversationId: chat.id, text: `p${i}` } : { id: randomUUID(), to: ben.userId, text: `p${i}` },
        ),
      ),
    );
    expect(acks.map((x) => (x.ok ? x.data.message.seq : null))).toEqual([1, 2, 3, 4, 5, 6]);
    a.close();
  });

  it("shows a message sent from one device on the sender's other devices", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    const second = await request(base, "POST", "/api/v1/auth/token", { json: { username: ana.username, password: ana.password } });
    const laptop = await online(base, ana);
    const phone = await online(base, { ...ana, token: second.body.token });
    const onPhone = collect<ChatMessage>(phone, "message:created");
    const { message } = await send(laptop, chat.id, "from the laptop");
    await until(() => onPhone.length === 1);
    expect(onPhone[0].id).toBe(message.id);
    laptop.close();
    phone.close();
  });

  it("never lets a non-member read, post, or hear anything", async () => {
    const [ana, ben, eve] = [await createUser(base, "Ana"), await createUser(base, "Ben"), await createUser(base, "Eve")];
    const chat = await openDirect(base, ana, ben);
    const e = await online(base, eve);
    const heard: string[] = [];
    e.onAny((event) => heard.push(event));
    const a = await online(base, ana);
    await send(a, chat.id, "private");
    a.emit("typing:start", { conversationId: chat.id });

    const post = await ask(e, "message:send", { id: randomUUID(), conversationId: chat.id, text: "let me in" });
    expect(post).toMatchObject({ ok: false, error: { code: "not_found" } });
    for (const path of [`/api/v1/conversations/${chat.id}`, `/api/v1/conversations/${chat.id}/messages`]) {
      expect((await request(base, "GET", path, { token: eve.token })).status).toBe(404);
    }
    expect((await request(base, "POST", `/api/v1/conversations/${chat.id}/read`, { token: eve.token })).status).toBe(404);
    const page = await ask<SyncPage>(e, "sync:request", {});
    expect(page.ok && page.data.conversations).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual([]);
    a.close();
    e.close();
  });

  it("rejects bad input with a clear error on both transports", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    const a = await online(base, ana);
    const cases: [unknown, string, string | undefined][] = [
      [{ conversationId: chat.id, text: "no id" }, "bad_request", "id"],
      [{ id: "short", conversationId: chat.id, text: "bad id" }, "bad_request", "id"],
      [{ id: randomUUID(), text: "nowhere" }, "bad_request", "conversationId"],
      [{ id: randomUUID(), conversationId: chat.id, text: "   " }, "bad_request", "text"],
      [{ id: randomUUID(), conversationId: chat.id, text: "x".repeat(4097) }, "payload_too_large", "text"],
      [{ id: randomUUID(), conversationId: chat.id, text: "nul \u0000 inside" }, "bad_request", "text"],
      [{ id: randomUUID(), to: "00000000-0000-0000-0000-000000000000", text: "hello?" }, "not_found", undefined],
    ];
    for (const [payload, code, field] of cases) {
      const ack = await ask(a, "message:send", payload);
      expect(ack.ok ? null : { code: ack.error.code, field: ack.error.field }).toEqual({ code, field });
      const rest = await request(base, "POST", "/api/v1/messages", { token: ana.token, json: payload });
      expect(rest.body.error.code).toBe(code);
      expect(rest.status).toBe({ bad_request: 400, payload_too_large: 413, not_found: 404 }[code]);
    }
    const max = await request(base, "POST", "/api/v1/messages", {
      token: ana.token,
      json: { id: randomUUID(), to: ben.userId, text: "y".repeat(4096) },
    });
    expect(max.status).toBe(201);
    expect(max.body.message.conversationId).toBe(chat.id);
    expect((await ask(a, "conversation:read", { conversationId: chat.id, seq: -1 })).ok).toBe(false);
    a.close();
  });

  it("answers presence and typing to people who share a chat", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    const b = await online(base, ben);
    const offline = await ask(b, "presence:subscribe", { userIds: [ana.userId] });
    expect(offline).toMatchObject({ ok: true, data: [{ userId: ana.userId, online: false }] });
    const updates = collect(b, "presence:updated");
    const typing = collect(b, "typing:updated");
    const a = await online(base, ana);
    await until(() => updates.some((u) => u.online));
    a.emit("typing:start", { conversationId: chat.id });
    await until(() => typing.length > 0);
    expect(typing[0]).toEqual({ conversationId: chat.id, userId: ana.userId, typing: true });
    a.close();
    await until(() => updates.some((u) => !u.online && u.lastSeenAt));
    b.close();
  });

  it("loses and duplicates nothing when the server restarts between send and delivery", async () => {
    const [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    const chat = await openDirect(base, ana, ben);
    const a = await online(base, ana);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) await send(a, chat.id, `before restart ${i}`, id);
    a.close();
    expect(await server.stop()).toBe(0);
    server = await startServer({ DATABASE_URL: dbUrl });
    base = server.url;

    const a2 = await online(base, ana);
    const retried = await send(a2, chat.id, "before restart 2", ids[2]);
    expect(retried.duplicate).toBe(true);
    const b = await online(base, ben);
    const page = await ask<SyncPage>(b, "sync:request", {});
    const c = page.ok ? page.data.conversations.find((x) => x.conversation.id === chat.id) : undefined;
    expect(c?.messages.map((m) => m.text)).toEqual(["before restart 0", "before restart 1", "before restart 2"]);
    a2.close();
    b.close();
  });
});
