// Per-user abuse limits and the sign-in lockout an attacker can't turn on a victim, against the real
// server with small limits: each answers 429 with Retry-After (REST) or a rate_limited ack (sockets).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cryptoUserId } from "../../lib/contracts/e2ee";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import { browserSignIn, connect, connected, request, type TestUser } from "../helpers/client";
import { startDevice } from "../helpers/crypto-device";
import { testDatabases, uniqueName } from "../helpers/databases";
import { ask, collect, openDirect, openToGroups, startChat, until } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fromIp = (ip: string) => ({ "x-forwarded-for": ip });

describe.each(testDatabases)("limits on $name", (database) => {
  const t = useTestServer(database, {
    LIMIT_SENDS_PER_MINUTE: "20",
    LIMIT_REQUEST_SENDS_PER_HOUR: "5",
    LIMIT_GROUPS_PER_HOUR: "2",
    LIMIT_GROUP_ADDS_PER_HOUR: "3",
    LIMIT_REPORTS_PER_HOUR: "3",
    LIMIT_TYPING_PER_MINUTE: "3",
    LIMIT_SOCKETS_PER_USER: "3",
    LIMIT_SOCKET_EVENTS_PER_10S: "40",
    LIMIT_TO_DEVICE_PER_HOUR: "3",
  });
  const post = (user: TestUser, path: string, json: unknown) => request(t.base, "POST", path, { token: user.token, json });
  const say = (user: TestUser, target: { to: string } | { conversationId: string }) =>
    post(user, "/api/v1/messages", { id: randomUUID(), text: "hello", ...target });
  const expectLimited = (res: { status: number; headers: Headers; body: any }, message: RegExp) => {
    expect(res.status, JSON.stringify(res.body)).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    // The message's key and the wait it names, for apps that say it in their reader's language.
    expect(res.body.error).toEqual({
      code: "rate_limited",
      message: expect.stringMatching(message),
      key: expect.stringMatching(/^errors\.(limits|auth)\./),
      values: expect.objectContaining({ wait: expect.any(Number) }),
      retryAfter,
    });
  };

  it("limits messages to strangers more strictly than to contacts, on both transports", async () => {
    const [ana, ben, cara, dee] = await t.people("Ana", "Ben", "Cara", "Dee");
    const withCara = await openDirect(t.base, ana, cara);
    for (let i = 0; i < 5; i++) expect((await say(ana, { to: ben.userId })).status).toBe(201);
    expectLimited(await say(ana, { to: ben.userId }), /haven't accepted your request yet\. Try again in \d+ minutes/);
    // A new stranger counts against the same budget (and gets no empty request); a contact doesn't.
    expectLimited(await say(ana, { to: dee.userId }), /haven't accepted/);
    const toCara = (await say(ana, { conversationId: withCara.id })).body.message;
    expect(toCara.seq).toBeGreaterThan(0);
    // Nor by forwarding.
    const forward = (target: { to: string } | { conversationId: string }) =>
      post(ana, "/api/v1/messages/forward", {
        from: { conversationId: withCara.id, seq: toCara.seq },
        targets: [{ id: randomUUID(), ...target }],
      });
    expectLimited(await forward({ to: dee.userId }), /haven't accepted/);
    expect(await t.db.all(`SELECT 1 AS "x" FROM "ConversationMember" WHERE "userId" = ?`, [dee.userId])).toEqual([]);
    expect((await forward({ conversationId: withCara.id })).status).toBe(201);
    const socket = await t.connectAs(ana);
    const refused = await ask(socket, "message:send", { id: randomUUID(), to: ben.userId, text: "again" });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/haven't accepted/),
        key: "errors.limits.requestSends",
        values: expect.any(Object),
        retryAfter: expect.any(Number),
      },
    });
    if (!refused.ok) expect(refused.error.retryAfter).toBeGreaterThan(3000);
    expect((await ask(socket, "message:send", { id: randomUUID(), conversationId: withCara.id, text: "fine" })).ok).toBe(true);
    // Once Ben replies he is no stranger: Ana's messages to him go through again.
    expect((await say(ben, { to: ana.userId })).status).toBe(201);
    expect((await say(ana, { to: ben.userId })).status).toBe(201);
  });

  it("limits all of a user's sends, then answers 429 with Retry-After", async () => {
    const [eve, fay] = await t.people("Eve", "Fay");
    const chat = await openDirect(t.base, eve, fay);
    for (let i = 0; i < 20; i++) expect((await say(eve, { conversationId: chat.id })).status).toBe(201);
    const limited = await say(eve, { conversationId: chat.id });
    expectLimited(limited, /You're sending messages too fast\. Try again in \d+ seconds\./);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await say(fay, { conversationId: chat.id })).status).toBe(201);
  });

  it("limits group creation and the people added to groups", async () => {
    const [gil, hal, ida, jo, kim] = await t.people("Gil", "Hal", "Ida", "Jo", "Kim");
    await openToGroups(t.base, hal, ida, jo, kim);
    const group = (await post(gil, "/api/v1/groups", { name: "One", participants: [hal.userId, ida.userId] })).body as ConversationSummary;
    expect(group.id).toBeTruthy();
    expect((await post(gil, `/api/v1/groups/${group.id}/members`, { userId: jo.userId })).status).toBe(200);
    expectLimited(await post(gil, `/api/v1/groups/${group.id}/members`, { userId: kim.userId }), /added too many people to groups/);
    expect((await post(gil, "/api/v1/groups", { name: "Two", participants: [] })).status).toBe(201);
    expectLimited(
      await post(gil, "/api/v1/groups", { name: "Three", participants: [] }),
      /created too many groups\. Try again in \d+ minutes/,
    );
    // Someone else's budgets are their own.
    expect((await post(hal, "/api/v1/groups", { name: "Hal's", participants: [kim.userId] })).status).toBe(201);
  });

  it("limits the payloads a user queues for others' devices, so no one can fill their inboxes", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    await openDirect(t.base, ana, ben);
    await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben)]);
    const put = () =>
      request(t.base, "PUT", `/api/v1/to-device/${randomUUID()}`, {
        token: ana.token,
        json: { type: "m.test", messages: { [cryptoUserId(ben.userId)]: { "*": { hello: 1 } } } },
      });
    for (let i = 0; i < 3; i++) expect((await put()).status).toBe(200);
    expectLimited(await put(), /too many keys to others\. Try again in \d+ minutes/);
    expect((await request(t.base, "GET", "/api/v1/to-device", { token: ben.token })).body.events).toHaveLength(3);
  });

  it("limits reports, so one account can't flood the admins' list", async () => {
    const [lou, mo] = await t.people("Lou", "Mo");
    const chat = await startChat(t.base, lou, mo);
    for (let i = 0; i < 3; i++)
      expect((await post(lou, "/api/v1/reports", { conversationId: chat.id, reason: `spam ${i}` })).status).toBe(201);
    expectLimited(await post(lou, "/api/v1/reports", { conversationId: chat.id }), /sent too many reports/);
  });

  /** Connects and disconnects a socket for the user: null, or the connect_error. */
  const tryConnect = async (user: TestUser) => {
    const socket = connect(t.base, { token: user.token });
    const error = await connected(socket).then(
      () => null,
      (err: Error & { data?: unknown }) => err,
    );
    socket.close();
    return error;
  };

  it("refuses a user's socket beyond the limit, with an error the client can read", async () => {
    const [ned] = await t.people("Ned");
    const sockets = await Promise.all([1, 2, 3].map(() => t.connectAs(ned)));
    const error = await tryConnect(ned);
    expect(error?.message).toBe("rate_limited");
    expect(error?.data).toEqual({
      code: "rate_limited",
      message: expect.stringMatching(/Too many open connections/),
      key: "errors.limits.connections",
      values: expect.any(Object),
      retryAfter: 60,
    });
    // Closing one makes room (once the server has seen it close).
    sockets[0].close();
    let again = await tryConnect(ned);
    for (let i = 0; again && i < 20; i++) {
      await sleep(50);
      again = await tryConnect(ned);
    }
    expect(again).toBeNull();
  });

  it("drops a typing flood past the user's budget, and the other person gets only what fits", async () => {
    const [oli, pia] = await t.people("Oli", "Pia");
    const chat = await openDirect(t.base, oli, pia);
    const [flooder, watcher] = [await t.connectAs(oli), await t.connectAs(pia)];
    const typing = collect(watcher, "typing:updated");
    for (let i = 0; i < 2_000; i++) flooder.emit("typing:start", { conversationId: chat.id });
    await until(() => typing.length > 0);
    await sleep(500);
    expect(typing.length).toBeLessThanOrEqual(3);
  });

  it("gives a user's sockets a budget of events: past it, acks say rate_limited and the socket stays open", async () => {
    const [quin] = await t.people("Quin");
    const socket = await t.connectAs(quin);
    const acks = await Promise.all(Array.from({ length: 60 }, () => ask(socket, "sync:request", {})));
    const refused = acks.filter((a) => !a.ok);
    expect(acks.filter((a) => a.ok)).toHaveLength(40);
    expect(refused).toHaveLength(20);
    expect(refused[0]).toEqual({
      ok: false,
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/Too many requests on this connection/),
        key: "errors.limits.connectionEvents",
        values: expect.any(Object),
        retryAfter: expect.any(Number),
      },
    });
    expect(socket.connected).toBe(true);
  });

  describe("sign-in", () => {
    const signIn = (username: string, password: string, headers: Record<string, string>) =>
      request(t.base, "POST", "/api/v1/auth/token", { json: { username, password }, headers });
    /** The victim signs in once from their phone, which the server then knows (its device cookie). */
    const knownDevice = async (victim: TestUser, ip: string) => {
      const [{ n: before }] = await t.db.all<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "KnownDevice" WHERE "userId" = ?`, [
        victim.userId,
      ]);
      const res = await signIn(victim.username, victim.password, fromIp(ip));
      expect(res.status).toBe(200);
      const cookie = (res.headers.getSetCookie().find((c) => c.startsWith("cbx_device=")) as string).split(";")[0];
      // The server records the device just after answering.
      const known = async () => (await t.db.all(`SELECT 1 AS "x" FROM "KnownDevice" WHERE "userId" = ?`, [victim.userId])).length;
      for (let i = 0; (await known()) < Number(before) + 1 && i < 100; i++) await sleep(50);
      return cookie;
    };

    it("lets the owner's known device sign in while an attacker's failures slow every other device", async () => {
      const [victim] = await t.people("Victim");
      const phone = await knownDevice(victim, "10.50.0.1");
      for (let i = 0; i < 12; i++) await signIn(victim.username, "guess-guess", fromIp(`10.60.0.${i}`));
      // A device that isn't known, even with the right password, waits (at most a minute)...
      const slowed = await signIn(victim.username, victim.password, fromIp("10.50.0.2"));
      expectLimited(slowed, /Too many failed sign-ins\. Try again in \d+ seconds\./);
      expect(Number(slowed.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      // ...as does one with a made-up device cookie.
      const madeUp = `cbx_device=${"A".repeat(43)}`;
      expect((await signIn(victim.username, victim.password, { ...fromIp("10.50.0.3"), cookie: madeUp })).status).toBe(429);
      // The phone signs in as usual.
      expect((await signIn(victim.username, victim.password, { ...fromIp("10.50.0.1"), cookie: phone })).status).toBe(200);
      // So does a browser that signed in before, through next-auth, while a new browser is refused.
      expect((await browserSignIn(t.base, victim.username, victim.password)).sessionCookie).toBeNull();
      expect((await browserSignIn(t.base, victim.username, victim.password, phone)).sessionCookie).toMatch(/^next-auth\.session-token=/);
    });

    it("lets known devices behind a proxy sign in while someone behind it fails for many names", async () => {
      const [victim] = await t.people("Office");
      const laptop = await knownDevice(victim, "10.70.0.1");
      for (let i = 0; i < 50; i++) await signIn(uniqueName(), "guess-guess", fromIp("10.70.0.1"));
      expect((await signIn(uniqueName(), "guess-guess", fromIp("10.70.0.1"))).status).toBe(429);
      expect((await signIn(victim.username, victim.password, { ...fromIp("10.70.0.1"), cookie: laptop })).status).toBe(200);
    });

    it("counts a known device's own failures against that device only", async () => {
      const [owner] = await t.people("Owner");
      const phone = await knownDevice(owner, "10.80.0.1");
      const tablet = await knownDevice(owner, "10.80.0.2");
      for (let i = 0; i < 10; i++)
        expect((await signIn(owner.username, "typo-typo", { ...fromIp("10.80.0.1"), cookie: phone })).status).toBe(401);
      expect((await signIn(owner.username, owner.password, { ...fromIp("10.80.0.1"), cookie: phone })).status).toBe(429);
      expect((await signIn(owner.username, owner.password, { ...fromIp("10.80.0.2"), cookie: tablet })).status).toBe(200);
      expect((await signIn(owner.username, owner.password, fromIp("10.80.0.3"))).status).toBe(200);
    });
  });
});
