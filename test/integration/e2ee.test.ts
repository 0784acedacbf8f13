// End-to-end encryption through the real server: devices made by the audited crypto library (its Node
// entry point) publish keys, open Olm sessions through one-time key claims, share Megolm room keys over
// the to-device queue and decrypt each other's messages; the server only relays. Also the key server's
// rules: what a device may upload, who may fetch whose keys, keys handed out once.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cryptoUserId } from "../../lib/contracts/e2ee";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import type { CryptoClient } from "../../lib/crypto/crypto-client";
import { createUser, request, type TestUser } from "../helpers/client";
import { newDevice, startDevice } from "../helpers/crypto-device";
import { emptyDatabases, testDatabases } from "../helpers/databases";
import { collect, openDirect, openToGroups, until } from "../helpers/messaging";
import { type RunningServer, startServer } from "../helpers/server";
import { useTestServer } from "../helpers/test-server";

/** Encrypts `text` as a message on `from`, then decrypts it on `to` (after it syncs), as a stored message would be. */
async function relay(from: CryptoClient, to: CryptoClient, conversationId: string, members: TestUser[], text: string, senderId: string) {
  const content = await from.encrypt(
    conversationId,
    members.map((m) => m.userId),
    "chatterbox.message",
    { text },
  );
  await to.sync();
  const clear = await to.decrypt(conversationId, { eventId: randomUUID(), senderId, sentAt: Date.now(), content });
  return { content, text: clear.content.text };
}

describe.each(testDatabases)("end-to-end encryption on $name", (database) => {
  const t = useTestServer(database);
  const post = (user: TestUser, path: string, json: unknown) => request(t.base, "POST", path, { token: user.token, json });
  const group = async (owner: TestUser, ...others: TestUser[]) => {
    await openToGroups(t.base, ...others);
    const res = await post(owner, "/api/v1/groups", { name: "Crypto club", participants: others.map((o) => o.userId) });
    expect(res.status).toBe(201);
    return res.body as ConversationSummary;
  };

  it("carries a message that every member device decrypts, while the server keeps only ciphertext", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const anaPhone = await newDevice(t.base, ana);
    const [a1, a2, b1] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, anaPhone), startDevice(t.base, ben)]);
    // As the app does on keys:changed: Ana's first device learns of her phone (started alongside it).
    await a1.sync();
    const marker = `marker-${randomUUID()}`;
    const content = await a1.encrypt(chat.id, [ana.userId, ben.userId], "chatterbox.message", { text: marker });
    // What the server relays to the other devices (the room key, one payload each) is Olm ciphertext.
    const queued = await t.db.all<{ content: string }>(`SELECT "content" FROM "ToDeviceMessage" WHERE "userId" IN (?, ?)`, [
      ana.userId,
      ben.userId,
    ]);
    expect(queued.map((row) => JSON.parse(row.content).algorithm)).toEqual([
      "m.olm.v1.curve25519-aes-sha2",
      "m.olm.v1.curve25519-aes-sha2",
    ]);
    expect(JSON.stringify(queued)).not.toContain(marker);
    await b1.sync();
    const event = { eventId: randomUUID(), senderId: ana.userId, sentAt: Date.now(), content };
    expect((await b1.decrypt(chat.id, event)).content.text).toBe(marker);
    expect(content.algorithm).toBe("m.megolm.v1.aes-sha2");
    expect(JSON.stringify(content)).not.toContain(marker);
    // Ana's other device got the room key too.
    await a2.sync();
    expect((await a2.decrypt(chat.id, { eventId: randomUUID(), senderId: ana.userId, sentAt: Date.now(), content })).content.text).toBe(
      marker,
    );
  });

  it("rejects tampered ciphertext and a message from a room key it never got", async () => {
    const [ana, ben, cy] = await t.people("Ana", "Ben", "Cy");
    const chat = await openDirect(t.base, ana, ben);
    await openDirect(t.base, ana, cy);
    const [a, b, c] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben), startDevice(t.base, cy)]);
    const { content } = await relay(a, b, chat.id, [ana, ben], "genuine", ana.userId);
    const ciphertext = content.ciphertext as string;
    const flipped = ciphertext.slice(0, 40) + (ciphertext[40] === "A" ? "B" : "A") + ciphertext.slice(41);
    const event = (body: Record<string, unknown>) => ({ eventId: randomUUID(), senderId: ana.userId, sentAt: Date.now(), content: body });
    await expect(b.decrypt(chat.id, event({ ...content, ciphertext: flipped }))).rejects.toThrow();
    // Cy is not in the chat: no room key reached Cy's device.
    await c.sync();
    await expect(c.decrypt(chat.id, event(content))).rejects.toThrow();
  });

  it("lets a device added mid-conversation read what follows and not what came before", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const [a, b] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben)]);
    const sentAt = Date.now();
    const content = await a.encrypt(chat.id, [ana.userId, ben.userId], "chatterbox.message", { text: "pay Ben 10" });
    await b.sync();
    const eventId = randomUUID();
    expect((await b.decrypt(chat.id, { eventId, senderId: ana.userId, sentAt, content })).content.text).toBe("pay Ben 10");
    // The library does not refuse the same ciphertext shown as another message (a replay): the app does,
    // as the content names its own message (lib/client/e2ee/message-opener.test.ts).

    // Ben signs in on a tablet mid-conversation: it reads the next message at once, not the one before it.
    const tablet = await startDevice(t.base, await newDevice(t.base, ben));
    await a.sync(); // as the app does when the server pushes keys:changed
    const next = await a.encrypt(chat.id, [ana.userId, ben.userId], "chatterbox.message", { text: "and 5 more" });
    await tablet.sync();
    expect(
      (await tablet.decrypt(chat.id, { eventId: randomUUID(), senderId: ana.userId, sentAt: Date.now(), content: next })).content.text,
    ).toBe("and 5 more");
    await expect(tablet.decrypt(chat.id, { eventId, senderId: ana.userId, sentAt, content })).rejects.toMatchObject({ waiting: true });
  });

  it("starts a new room key when a member leaves: the removed member can't read what follows", async () => {
    const [ana, ben, cy] = await t.people("Ana", "Ben", "Cy");
    const g = await group(ana, ben, cy);
    const [a, b, c] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben), startDevice(t.base, cy)]);
    const before = await relay(a, c, g.id, [ana, ben, cy], "before", ana.userId);
    expect(before.text).toBe("before");
    expect((await request(t.base, "DELETE", `/api/v1/groups/${g.id}/members/${cy.userId}`, { token: ana.token })).status).toBe(200);
    const after = await relay(a, b, g.id, [ana, ben], "after", ana.userId);
    expect(after.text).toBe("after");
    expect(after.content.session_id).not.toBe(before.content.session_id);
    await c.sync();
    await expect(
      c.decrypt(g.id, { eventId: randomUUID(), senderId: ana.userId, sentAt: Date.now(), content: after.content }),
    ).rejects.toThrow();
  });

  it("hands out each one-time key once under concurrent claims, then the fallback key", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    await openDirect(t.base, ana, ben);
    const b = await startDevice(t.base, ben);
    const deviceId = b.machine.deviceId.toString();
    const stock = await request(t.base, "GET", "/api/v1/to-device", { token: ben.token });
    const count = stock.body.device_one_time_keys_count.signed_curve25519 as number;
    expect(count).toBeGreaterThan(10);
    expect(stock.body.device_unused_fallback_key_types).toEqual(["signed_curve25519"]);
    const fallback = await t.db.get<{ key: string }>(`SELECT "key" FROM "FallbackKey" WHERE "userId" = ?`, [ben.userId]);
    const fallbackKey = JSON.parse(fallback?.key ?? "{}").key;
    const claimers = await Promise.all(Array.from({ length: 4 }, () => newDevice(t.base, ana)));
    const claims = await Promise.all(
      Array.from({ length: count + 6 }, (_, i) =>
        post(claimers[i % claimers.length], "/api/v1/keys/claim", {
          one_time_keys: { [cryptoUserId(ben.userId)]: { [deviceId]: "signed_curve25519" } },
        }),
      ),
    );
    // The public keys handed out (a fallback key may share its id with a one-time key, never its key).
    const keys = claims.map((res) => Object.values(res.body.one_time_keys[cryptoUserId(ben.userId)][deviceId] as { key: string }[])[0].key);
    const oneTime = keys.filter((key) => key !== fallbackKey);
    expect(oneTime.length).toBe(count);
    expect(new Set(oneTime).size).toBe(count);
    expect(keys.length - oneTime.length).toBe(6);
    const after = await request(t.base, "GET", "/api/v1/to-device", { token: ben.token });
    expect(after.body.device_one_time_keys_count.signed_curve25519 ?? 0).toBe(0);
    expect(after.body.device_unused_fallback_key_types).toEqual([]);
    // Ben's library tops up its one-time keys (it replaces a used fallback key on its own schedule).
    await b.sync();
    const topped = await request(t.base, "GET", "/api/v1/to-device", { token: ben.token });
    expect(topped.body.device_one_time_keys_count.signed_curve25519).toBeGreaterThan(10);
  });

  it("lets only people who share a conversation fetch, claim and send to each other's devices", async () => {
    const [ana, ben, zed] = await t.people("Ana", "Ben", "Zed");
    await openDirect(t.base, ana, ben);
    const [, b] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben)]);
    await startDevice(t.base, zed);
    const deviceId = b.machine.deviceId.toString();
    const query = { device_keys: { [cryptoUserId(ben.userId)]: [] } };
    expect(Object.keys((await post(ana, "/api/v1/keys/query", query)).body.device_keys[cryptoUserId(ben.userId)])).toEqual([deviceId]);
    expect((await post(zed, "/api/v1/keys/query", query)).body.device_keys).toEqual({});
    const claim = { one_time_keys: { [cryptoUserId(ben.userId)]: { [deviceId]: "signed_curve25519" } } };
    expect((await post(zed, "/api/v1/keys/claim", claim)).body.one_time_keys).toEqual({});
    const sent = await request(t.base, "PUT", `/api/v1/to-device/${randomUUID()}`, {
      token: zed.token,
      json: { type: "m.room.encrypted", messages: { [cryptoUserId(ben.userId)]: { "*": { hello: "ben" } } } },
    });
    expect(sent.status).toBe(200);
    expect((await request(t.base, "GET", "/api/v1/to-device", { token: ben.token })).body.events).toEqual([]);
  });

  it("keeps a device's to-device payloads in order until it has them, and queues a retried send once", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    await openDirect(t.base, ana, ben);
    await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben)]);
    const to = cryptoUserId(ben.userId);
    const put = (txnId: string, n: number) =>
      request(t.base, "PUT", `/api/v1/to-device/${txnId}`, {
        token: ana.token,
        json: { type: "m.test", messages: { [to]: { "*": { n } } } },
      });
    const txns = Array.from({ length: 120 }, () => randomUUID());
    for (const [n, txn] of txns.entries()) expect((await put(txn, n)).status).toBe(200);
    expect((await put(txns[5], 5)).status).toBe(200); // a retry: queued once
    const first = await request(t.base, "GET", "/api/v1/to-device?since=0", { token: ben.token });
    expect(first.body.events.map((e: { content: { n: number } }) => e.content.n)).toEqual(Array.from({ length: 100 }, (_, n) => n));
    expect(first.body.events[0].sender).toBe(cryptoUserId(ana.userId));
    // Not acknowledged yet: asked again from the same cursor, the same page.
    const again = await request(t.base, "GET", "/api/v1/to-device?since=0", { token: ben.token });
    expect(again.body.events.length).toBe(100);
    const second = await request(t.base, "GET", `/api/v1/to-device?since=${first.body.next}`, { token: ben.token });
    expect(second.body.events.map((e: { content: { n: number } }) => e.content.n)).toEqual(Array.from({ length: 20 }, (_, n) => 100 + n));
    const done = await request(t.base, "GET", `/api/v1/to-device?since=${second.body.next}`, { token: ben.token });
    expect(done.body.events).toEqual([]);
    const left = await t.db.all(`SELECT 1 FROM "ToDeviceMessage" WHERE "userId" = ?`, [ben.userId]);
    expect(left.length).toBe(0);
  });

  it("tells peers when a device appears or signs out, by push and in the change feed", async () => {
    const [ana, ben, zed] = await t.people("Ana", "Ben", "Zed");
    await openDirect(t.base, ana, ben);
    const a = await startDevice(t.base, ana);
    const socket = await t.connectAs(ana);
    const pushed = collect<{ users: string[] }>(socket, "keys:changed");
    const { next: from } = (await request(t.base, "GET", "/api/v1/keys/changes", { token: ana.token })).body;
    const benLaptop = await newDevice(t.base, ben);
    const laptop = await startDevice(t.base, benLaptop);
    await startDevice(t.base, zed);
    await until(() => pushed.length === 1);
    expect(pushed[0].users).toEqual([cryptoUserId(ben.userId)]);
    const changes = await request(t.base, "GET", `/api/v1/keys/changes?from=${from}`, { token: ana.token });
    expect(changes.body.changed).toEqual([cryptoUserId(ben.userId)]); // not Zed, who shares nothing with Ana
    const devices = async () =>
      Object.keys(
        (await post(ana, "/api/v1/keys/query", { device_keys: { [cryptoUserId(ben.userId)]: [] } })).body.device_keys[
          cryptoUserId(ben.userId)
        ],
      );
    expect(await devices()).toEqual([laptop.machine.deviceId.toString()]);
    expect((await request(t.base, "DELETE", "/api/v1/auth/token", { token: benLaptop.token })).status).toBe(204);
    await until(() => pushed.length === 2);
    expect(await devices()).toEqual([]);
    const later = await request(t.base, "GET", `/api/v1/keys/changes?from=${changes.body.next}`, { token: ana.token });
    expect(later.body.changed).toEqual([cryptoUserId(ben.userId)]);
    expect(await t.db.all(`SELECT 1 FROM "OneTimeKey" WHERE "userId" = ?`, [ben.userId])).toEqual([]);
    a.close();
  });

  it("refuses malformed and foreign key uploads with a clear 4xx", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const b = await startDevice(t.base, ben);
    const { deviceId } = (await request(t.base, "GET", "/api/v1/keys/device", { token: ana.token })).body;
    const a = cryptoUserId(ana.userId);
    const key = "A".repeat(43);
    const sig = "B".repeat(86);
    const deviceKeys = (over: Record<string, unknown> = {}) => ({
      user_id: a,
      device_id: deviceId,
      algorithms: ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"],
      keys: { [`ed25519:${deviceId}`]: key, [`curve25519:${deviceId}`]: key },
      signatures: { [a]: { [`ed25519:${deviceId}`]: sig } },
      ...over,
    });
    const upload = (body: unknown) => post(ana, "/api/v1/keys/upload", body);
    const refused = async (body: unknown, status: number, field: string) => {
      const res = await upload(body);
      expect([res.status, res.body.error?.field], JSON.stringify(res.body)).toEqual([status, field]);
    };
    await refused({ device_keys: deviceKeys({ user_id: cryptoUserId(ben.userId) }) }, 400, "device_keys.user_id");
    await refused({ device_keys: deviceKeys({ device_id: b.machine.deviceId.toString() }) }, 400, "device_keys.device_id");
    await refused({ device_keys: deviceKeys({ keys: { [`ed25519:${deviceId}`]: key } }) }, 400, "device_keys.keys");
    await refused({ device_keys: deviceKeys({ signatures: {} }) }, 400, "device_keys.signatures");
    await refused(
      { device_keys: deviceKeys({ keys: { [`ed25519:${deviceId}`]: "not base64!" } }) },
      400,
      `device_keys.keys.ed25519:${deviceId}`,
    );
    await refused({ device_keys: "yes" }, 400, "device_keys");
    const otk = (id: string, k = key) => ({
      [`signed_curve25519:${id}`]: { key: k, signatures: { [a]: { [`ed25519:${deviceId}`]: sig } } },
    });
    await refused({ one_time_keys: otk("AAAA") }, 409, "device_keys");
    expect((await upload({ device_keys: deviceKeys() })).status).toBe(200);
    expect((await upload({ device_keys: deviceKeys() })).status).toBe(200); // the same keys again: a retry
    await refused(
      { device_keys: deviceKeys({ keys: { [`ed25519:${deviceId}`]: "C".repeat(43), [`curve25519:${deviceId}`]: key } }) },
      409,
      "device_keys",
    );
    await refused({ one_time_keys: { [`curve25519:AAAA`]: { key, signatures: {} } } }, 400, "one_time_keys");
    const many = Object.assign({}, ...Array.from({ length: 101 }, (_, i) => otk(`K${i}`)));
    await refused({ one_time_keys: many }, 400, "one_time_keys");
    expect((await upload({ one_time_keys: otk("AAAA") })).body).toEqual({ one_time_key_counts: { signed_curve25519: 1 } });
    expect((await upload({ one_time_keys: otk("AAAA") })).status).toBe(200);
    await refused({ one_time_keys: otk("AAAA", "D".repeat(43)) }, 409, "one_time_keys");
    const fallbacks = { ...otk("F1"), ...otk("F2") };
    await refused({ fallback_keys: fallbacks }, 400, "fallback_keys");
    const badTxn = await request(t.base, "PUT", `/api/v1/to-device/${"x".repeat(200)}`, {
      token: ana.token,
      json: { type: "m.test", messages: {} },
    });
    expect(badTxn.status).toBe(400);
    // A claim for a 1,024-member group's devices fits (about 75 KB); past the keys' body limit is 413.
    const everyone = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, () => [cryptoUserId(randomUUID()), { ABCDEFGHIJ: "signed_curve25519" }]));
    expect((await post(ana, "/api/v1/keys/claim", { one_time_keys: everyone(1024) })).status).toBe(200);
    expect((await post(ana, "/api/v1/keys/claim", { one_time_keys: everyone(1024), padding: "x".repeat(300 * 1024) })).status).toBe(413);
    const noJson = await request(t.base, "POST", "/api/v1/keys/query", {
      token: ana.token,
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(noJson.status).toBe(400);
  });
});

describe.each(emptyDatabases)("the to-device queue through a crash on $name", (database) => {
  it("keeps every acknowledged payload, in order, when the server is killed right after answering", async () => {
    const { url, drop } = await database.create();
    const first = await startServer({ DATABASE_URL: url });
    let second: RunningServer | undefined;
    try {
      const [ana, ben] = [await createUser(first.url, "Ana"), await createUser(first.url, "Ben")];
      await openDirect(first.url, ana, ben);
      await Promise.all([startDevice(first.url, ana), startDevice(first.url, ben)]);
      const to = cryptoUserId(ben.userId);
      const sends = Array.from({ length: 20 }, (_, n) =>
        request(first.url, "PUT", `/api/v1/to-device/${randomUUID()}`, {
          token: ana.token,
          json: { type: "m.test", messages: { [to]: { "*": { n } } } },
        }),
      );
      const answered = (await Promise.all(sends)).map((res) => res.status);
      await first.stop("SIGKILL");
      expect(answered).toEqual(new Array(20).fill(200));
      second = await startServer({ DATABASE_URL: url });
      const inbox = await request(second.url, "GET", "/api/v1/to-device?since=0", { token: ben.token });
      expect(inbox.body.events.map((e: { content: { n: number } }) => e.content.n).sort((x: number, y: number) => x - y)).toEqual(
        Array.from({ length: 20 }, (_, n) => n),
      );
    } finally {
      await first.stop().catch(() => {});
      await second?.stop();
      await drop();
    }
  });
});
