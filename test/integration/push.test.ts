// Web Push against the real server and a real (local) push service: subscriptions per device, pushes
// only to devices without a connected socket, decrypted and checked payloads and VAPID signatures, muted
// chats and mentions, previews and sounds, ended subscriptions, bad and foreign subscriptions, sign-out,
// and the admin's test notification.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatMessage, type ConversationSummary, MESSAGE_TEXT_MAX } from "../../lib/contracts/messaging";
import { type NotificationSettings, PUSH_BODY_MAX, type PushKey, type TestPushResult } from "../../lib/contracts/notifications";
import { connect, connected, request, type TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { openDirect, openToGroups, startChat, until } from "../helpers/messaging";
import { signInDevice } from "../helpers/messaging-client";
import { type FakeDevice, type PushReceiver, startPushReceiver } from "../helpers/push-receiver";
import { useTestServer } from "../helpers/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** After a push that was queued later arrived, how long a push that shouldn't come gets to show up anyway. */
const SETTLE_MS = 400;

describe.each(testDatabases)("Web Push on $name", (database) => {
  // The local push service is http on 127.0.0.1 at a port picked at start: allowed explicitly.
  const metricsToken = "push-test-metrics-token";
  const t = useTestServer(database, { PUSH_SERVICE_HOSTS: "fcm.googleapis.com, http://127.0.0.1:*", METRICS_TOKEN: metricsToken });
  let receiver: PushReceiver;
  beforeAll(async () => {
    receiver = await startPushReceiver();
  });
  afterAll(() => receiver?.close());

  let n = 0;
  const say = async (user: TestUser, conversationId: string, text: string) => {
    const res = await request<{ message: ChatMessage }>(t.base, "POST", "/api/v1/messages", {
      token: user.token,
      json: { id: `push-${++n}-${Date.now()}`, conversationId, text },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.message;
  };
  const subscribe = (token: string, subscription: unknown) =>
    request(t.base, "POST", "/api/v1/notifications/push/subscriptions", { token, json: subscription });
  /** A fake browser subscribed for this session (token). */
  const deviceOf = async (token: string) => {
    const device = receiver.device();
    const res = await subscribe(token, device.subscription);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return device;
  };
  const settings = async (token: string) =>
    (await request<NotificationSettings>(t.base, "GET", "/api/v1/users/me/notifications", { token })).body;
  const subscriptions = async (endpoint: string) =>
    Number((await t.db.get<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "PushSubscription" WHERE "endpoint" = ?`, [endpoint]))?.n);
  const arrived = (device: FakeDevice, count = 1) => until(() => device.received.length >= count);

  it("pushes a message to a device with no connected socket: encrypted for it, signed with the server's VAPID key", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    expect((await settings(ben.token)).thisDevice).toBe(false);
    const phone = await deviceOf(ben.token);
    expect(await settings(ben.token)).toEqual({ previews: true, sounds: true, thisDevice: true, locale: "en" });
    expect((await settings(await signInDevice(t.base, ben))).thisDevice).toBe(false);

    const sent = await say(ana, chat.id, "Lunch at  noon?");
    await arrived(phone);
    const [push] = phone.received;
    expect(push.payload).toEqual({
      kind: "message",
      conversationId: chat.id,
      title: "Ana",
      body: "Lunch at noon?",
      tag: chat.id,
      url: `/?chat=${chat.id}`,
      sound: true,
      sentAt: Date.parse(sent.createdAt),
    });
    expect(push.headers).toMatchObject({ ttl: "86400", urgency: "high", "content-encoding": "aes128gcm" });
    const { publicKey } = (await request<PushKey>(t.base, "GET", "/api/v1/notifications/push/key", { token: ben.token })).body;
    const now = Date.now() / 1000;
    expect(push.vapid).toMatchObject({ key: publicKey, aud: receiver.origin, sub: expect.stringMatching(/^mailto:/) });
    expect(push.vapid.exp).toBeGreaterThan(now);
    expect(push.vapid.exp).toBeLessThanOrEqual(now + 86_400);
    // No VAPID_* in the environment: the pair was generated and stored for every node to share.
    const stored = await t.db.get<{ value: string }>(`SELECT "value" FROM "ServerSetting" WHERE "key" = 'vapid'`);
    expect(JSON.parse(stored?.value ?? "{}").publicKey).toBe(publicKey);
    // The sender's own devices are never notified.
    const anaPhone = await deviceOf(ana.token);
    // A long message is cut to fit a push (push services take about 4 KB).
    await say(ana, chat.id, "😀".repeat(MESSAGE_TEXT_MAX));
    await arrived(phone, 2);
    expect(phone.received[1].payload.body).toBe(`${"😀".repeat(PUSH_BODY_MAX - 1)}…`);
    await sleep(SETTLE_MS);
    expect(anaPhone.received).toEqual([]);
  });

  it("skips a device whose socket is connected while another device of the same user gets the push", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const laptopToken = await signInDevice(t.base, ben);
    const laptop = await deviceOf(laptopToken);
    const phone = await deviceOf(ben.token);
    const socket = connect(t.base, { token: laptopToken });
    await connected(socket);
    await say(ana, chat.id, "Are you there?");
    await arrived(phone);
    await sleep(SETTLE_MS);
    expect(laptop.received).toEqual([]);
    // Once the laptop's socket is gone it is notified again.
    socket.close();
    await sleep(200);
    await say(ana, chat.id, "Hello?");
    await arrived(laptop);
    expect(laptop.received[0].payload.body).toBe("Hello?");
  });

  it("doesn't notify in a muted chat, except for a mention of the member (kind mention)", async () => {
    const [ana, ben, cara] = await t.people("Ana", "Ben", "Cara");
    await openToGroups(t.base, ben, cara);
    const group = await request<ConversationSummary>(t.base, "POST", "/api/v1/groups", {
      token: ana.token,
      json: { name: "Climbing", participants: [ben.userId, cara.userId] },
    });
    expect(group.status).toBe(201);
    const muted = await request(t.base, "PATCH", `/api/v1/conversations/${group.body.id}`, { token: ben.token, json: { mute: "8h" } });
    expect(muted.status).toBe(200);
    const benPhone = await deviceOf(ben.token);
    const caraPhone = await deviceOf(cara.token);
    await say(ana, group.body.id, "Saturday at the crag?");
    await arrived(caraPhone);
    expect(caraPhone.received[0].payload).toMatchObject({ kind: "message", title: "Ana @ Climbing", body: "Saturday at the crag?" });
    await sleep(SETTLE_MS);
    expect(benPhone.received).toEqual([]);
    await say(ana, group.body.id, `@${ben.username} you bring the rope`);
    await arrived(benPhone);
    expect(benPhone.received[0].payload).toMatchObject({
      kind: "mention",
      title: "Ana @ Climbing",
      // The mention shows by name, as in the chat.
      body: "@Ben you bring the rope",
    });
  });

  it("doesn't notify the receiver of a message request they haven't accepted", async () => {
    const [stranger, ben, ana] = await t.people("Stranger", "Ben", "Ana");
    const request_ = await startChat(t.base, stranger, ben);
    const chat = await openDirect(t.base, ana, ben);
    const phone = await deviceOf(ben.token);
    await say(stranger, request_.id, "Hi, want to buy a boat?");
    await say(ana, chat.id, "Hi Ben");
    await arrived(phone);
    await sleep(SETTLE_MS);
    expect(phone.received.map((p) => p.payload.title)).toEqual(["Ana"]);
  });

  it("writes each device's notifications in its language", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const spanish = receiver.device();
    expect((await subscribe(ben.token, { ...spanish.subscription, locale: "es" })).status).toBe(201);
    expect((await subscribe(ben.token, { ...receiver.device().subscription, locale: "xx" })).status).toBe(400);
    await request(t.base, "PATCH", "/api/v1/users/me/notifications", { token: ben.token, json: { previews: false } });
    await say(ana, chat.id, "¿Vienes?");
    await arrived(spanish);
    expect(spanish.received[0].payload).toMatchObject({ title: "Ana", body: "Nuevo mensaje" });
  });

  it("sends a neutral line without previews and a silent push without sounds", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const phone = await deviceOf(ben.token);
    const changed = await request(t.base, "PATCH", "/api/v1/users/me/notifications", {
      token: ben.token,
      json: { previews: false, sounds: false },
    });
    expect(changed.body).toEqual({ previews: false, sounds: false, thisDevice: true, locale: "en" });
    await say(ana, chat.id, "The door code is 4711");
    await arrived(phone);
    expect(phone.received[0].payload).toMatchObject({ title: "Ana", body: "New message", sound: false });
    expect((await request(t.base, "PATCH", "/api/v1/users/me/notifications", { token: ben.token, json: { previews: "no" } })).status).toBe(
      400,
    );
    expect((await request(t.base, "PATCH", "/api/v1/users/me/notifications", { token: ben.token, json: { email: true } })).status).toBe(
      400,
    );
  });

  it("removes a subscription the push service says is gone (410, 404), and keeps it on other errors", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const [expired, unknown, failing] = [410, 404, 503].map((status) => ({ status, token: "" }));
    for (const d of [expired, unknown, failing]) d.token = await signInDevice(t.base, ben);
    const devices = await Promise.all([expired, unknown, failing].map((d) => deviceOf(d.token)));
    devices.forEach((device, i) => {
      device.status = [expired, unknown, failing][i].status;
    });
    const witness = await deviceOf(ben.token);
    await say(ana, chat.id, "Still there?");
    await arrived(witness);
    for (const device of devices.slice(0, 2)) await expect.poll(() => subscriptions(device.subscription.endpoint)).toBe(0);
    expect(await subscriptions(devices[2].subscription.endpoint)).toBe(1);
    expect((await settings(expired.token)).thisDevice).toBe(false);
    const metrics = await fetch(`${t.base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    const text = await metrics.text();
    expect(text).toMatch(/^chatterbox_pushes_total\{outcome="gone"\} 2$/m);
    expect(text).toMatch(/^chatterbox_pushes_total\{outcome="failed"\} 1$/m);
  });

  it("refuses bad subscriptions with 400 and a clear message", async () => {
    const [ben] = await t.people("Ben");
    const good = receiver.device().subscription;
    const fcm = { ...good, endpoint: "https://fcm.googleapis.com/fcm/send/abc123" };
    const cases: [unknown, string, RegExp][] = [
      [{ ...good, endpoint: "https://evil.example.com/push/1" }, "endpoint", /evil\.example\.com is not a known push service/],
      [{ ...good, endpoint: "http://fcm.googleapis.com/fcm/send/1" }, "endpoint", /https URL of a push service/],
      [{ ...good, endpoint: "https://user:pw@fcm.googleapis.com/fcm/send/1" }, "endpoint", /user name or password/],
      [{ ...good, endpoint: "http://10.0.0.1:6379/" }, "endpoint", /https URL of a push service/],
      [{ ...good, endpoint: "not a url" }, "endpoint", /must be a URL/],
      [{ endpoint: fcm.endpoint }, "keys", /keys \{ p256dh, auth \} are required/],
      [{ ...fcm, keys: { ...fcm.keys, p256dh: fcm.keys.p256dh.slice(0, 40) } }, "keys.p256dh", /65 bytes/],
      [{ ...fcm, keys: { ...fcm.keys, p256dh: `B${"A".repeat(86)}` } }, "keys.p256dh", /not a P-256 public key/],
      [{ ...fcm, keys: { ...fcm.keys, auth: Buffer.alloc(15).toString("base64url") } }, "keys.auth", /16 bytes/],
    ];
    for (const [body, field, message] of cases) {
      const res = await subscribe(ben.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "bad_request", field, message: expect.stringMatching(message) });
    }
    expect((await subscribe(ben.token, fcm)).status).toBe(201);
  });

  it("refuses another account's endpoint while its device is signed in; moves one between the user's own devices; sign-out removes it", async () => {
    const [ben, dan] = await t.people("Ben", "Dan");
    const device = await deviceOf(ben.token);
    const refused = await subscribe(dan.token, device.subscription);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/another account/);
    // Ben signed in again in the same browser: the subscription moves to the new session.
    const again = await signInDevice(t.base, ben);
    expect((await subscribe(again, device.subscription)).status).toBe(201);
    expect((await settings(ben.token)).thisDevice).toBe(false);
    expect((await settings(again)).thisDevice).toBe(true);
    // Signing out deletes it with the session; then the endpoint is free for Dan.
    expect((await request(t.base, "DELETE", "/api/v1/auth/token", { token: again })).status).toBe(204);
    expect(await subscriptions(device.subscription.endpoint)).toBe(0);
    expect((await subscribe(dan.token, device.subscription)).status).toBe(201);
    // Unsubscribing this device.
    const off = await request(t.base, "DELETE", "/api/v1/notifications/push/subscriptions", { token: dan.token });
    expect(off.body).toEqual({ removed: true });
    expect(await subscriptions(device.subscription.endpoint)).toBe(0);
  });

  it("lets an admin send a test notification to every device of a user", async () => {
    const [root, ben] = await t.people("Root", "Ben");
    await t.db.run(`UPDATE "User" SET "isAdmin" = true WHERE "id" = ?`, [root.userId]);
    const phone = await deviceOf(ben.token);
    const old = await deviceOf(await signInDevice(t.base, ben));
    old.status = 410;
    // Connected or not: a test goes to every device.
    const socket = connect(t.base, { token: ben.token });
    await connected(socket);
    const res = await request<TestPushResult>(t.base, "POST", "/api/v1/notifications/push", {
      token: root.token,
      json: { userId: ben.userId, title: "Hello from the admin" },
    });
    socket.close();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sent: 1, removed: 1 });
    expect(phone.received[0].payload).toMatchObject({ kind: "test", title: "Hello from the admin", tag: "test", url: "/" });
    expect(phone.received[0].headers.urgency).toBe("normal");
    const denied = await request(t.base, "POST", "/api/v1/notifications/push", { token: ben.token, json: { userId: ben.userId } });
    expect(denied.status).toBe(403);
    const unknown = await request(t.base, "POST", "/api/v1/notifications/push", { token: root.token, json: { userId: "nobody" } });
    expect(unknown.status).toBe(404);
  });
});
