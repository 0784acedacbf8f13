// End-to-end encrypted status updates through the real server, with devices of the audited crypto library
// (its Node entry point, driven by lib/crypto/crypto-client.ts as the browser drives it): the poster's
// device encrypts each status for the audience its privacy settings name (GET /api/v1/statuses/audience),
// sharing the room key per audience like a group's; a photo's file is encrypted before its upload. The
// audience reads it, nobody else can fetch it or its key, a changed audience gets a new key, replies,
// views and expiry work on ciphertext, and what the server refuses.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../lib/contracts/messaging";
import { SEALED_STATUS, type SealedStatus } from "../../lib/contracts/sealed";
import { type Status, type StatusFeed, type StatusRemoved, statusRoomId } from "../../lib/contracts/status";
import type { CryptoClient } from "../../lib/crypto/crypto-client";
import { DecryptFailure } from "../../lib/crypto/failures";
import { decryptFile, encryptFile } from "../../lib/crypto/file-cipher";
import { request, type TestUser } from "../helpers/client";
import { newDevice, startDevice, wasm } from "../helpers/crypto-device";
import { testDatabases } from "../helpers/databases";
import { collect, openDirect, until } from "../helpers/messaging";
import { uploadEncrypted, useTestServer } from "../helpers/test-server";

const HOUR = 3_600_000;

describe.each(testDatabases)("end-to-end encrypted statuses on $name", (database) => {
  const t = useTestServer(database, { STATUS_SWEEP_SECONDS: "1" });
  const { people, connectAs, advance } = t;

  const audienceOf = async (user: TestUser) =>
    (await request<{ userIds: string[] }>(t.base, "GET", "/api/v1/statuses/audience", { token: user.token })).body.userIds;
  const post = (user: TestUser, body: Record<string, unknown>) =>
    request(t.base, "POST", "/api/v1/statuses", { token: user.token, json: { id: randomUUID(), ...body } });
  /** What the app does: encrypts the status on the poster's device for the audience of the moment, then posts it. */
  const postSealed = async (user: TestUser, crypto: CryptoClient, content: Omit<SealedStatus, "id">, fileId?: string) => {
    const id = randomUUID();
    const members = [user.userId, ...(await audienceOf(user))];
    const encrypted = await crypto.encrypt(statusRoomId(user.userId), members, SEALED_STATUS, { id, ...content });
    const res = await post(user, { id, kind: "encrypted", encrypted, ...(fileId ? { fileId } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.status as Status;
  };
  const read = async (crypto: CryptoClient, status: Status) => {
    const clear = await crypto.decrypt(statusRoomId(status.userId), {
      eventId: `${status.id}:${randomUUID()}`,
      senderId: status.userId,
      sentAt: Date.parse(status.createdAt),
      content: status.encrypted as Record<string, unknown>,
    });
    expect(clear.type).toBe(SEALED_STATUS);
    return clear.content as SealedStatus;
  };
  const feed = async (user: TestUser) => (await request<StatusFeed>(t.base, "GET", "/api/v1/statuses", { token: user.token })).body;
  const theirs = async (viewer: TestUser, owner: TestUser) =>
    (await feed(viewer)).updates.find((u) => u.user.id === owner.userId)?.statuses ?? [];
  const uploadSealed = (user: TestUser, ciphertext: Blob, kind?: string) => uploadEncrypted(t.base, user, ciphertext, kind);
  const download = (user: TestUser, fileId: string) =>
    fetch(`${t.base}/api/v1/media/${fileId}`, { headers: { authorization: `Bearer ${user.token}` } });
  const stored = (sha256: string) =>
    readdirSync(path.join(t.dataDir, "media"), { recursive: true }).some((f) => String(f).endsWith(sha256));

  it("encrypts a photo status for the poster's contacts: they read it and its file, nobody else can", async () => {
    const [ana, ben, cara] = await people("Ana", "Ben", "Cara");
    await openDirect(t.base, ana, ben);
    const anaOther = await newDevice(t.base, ana);
    const [a, a2, b, c] = await Promise.all([
      startDevice(t.base, ana),
      startDevice(t.base, anaOther),
      startDevice(t.base, ben),
      startDevice(t.base, cara),
    ]);
    expect(await audienceOf(ana)).toEqual([ben.userId]);
    // As the app does on keys:changed: Ana's first device learns of her second (started alongside it).
    await a.sync();
    const pushed = collect<Status>(await connectAs(ben), "status:posted");

    const photo = new Blob([`a photo, really-${randomUUID()}`], { type: "image/jpeg" });
    const { ciphertext, key } = await encryptFile(wasm, photo);
    const upload = await uploadSealed(ana, ciphertext);
    const file = { key, mime: "image/jpeg", name: "beach.jpg", size: photo.size, width: 40, height: 30, placeholder: null };
    const status = await postSealed(ana, a, { kind: "image", text: "At the beach", background: null, font: null, file }, upload.fileId);
    // The server holds what it can't read: no kind, no caption, a file it knows by its size only.
    expect(status).toMatchObject({
      kind: "encrypted",
      text: "",
      background: null,
      font: null,
      file: { fileId: upload.fileId, placeholder: null },
    });

    await until(() => pushed.length === 1);
    expect(pushed[0]).toMatchObject({ id: status.id, kind: "encrypted", encrypted: status.encrypted });
    await b.sync();
    const [shown] = await theirs(ben, ana);
    const opened = await read(b, shown);
    expect(opened).toMatchObject({ id: status.clientId, kind: "image", text: "At the beach", file: { name: "beach.jpg" } });
    const got = await download(ben, upload.fileId);
    expect(got.status).toBe(200);
    expect(await (await decryptFile(wasm, await got.blob(), opened.file?.key ?? key, "image/jpeg")).text()).toBe(await photo.text());
    // Ana's other device reads her status too (her own devices are in every audience).
    await a2.sync();
    expect((await read(a2, (await feed(anaOther)).mine[0])).text).toBe("At the beach");

    // Cara isn't in the audience: the status and its file don't exist for her, and she got no key.
    expect(await theirs(cara, ana)).toEqual([]);
    expect((await download(cara, upload.fileId)).status).toBe(404);
    await c.sync();
    await expect(read(c, status)).rejects.toBeInstanceOf(DecryptFailure);

    // A reply, encrypted in the 1:1 chat: the server's quote says only whose status it answers.
    const reply = await request<{ message: ChatMessage }>(t.base, "POST", "/api/v1/messages", {
      token: ben.token,
      json: { id: randomUUID(), to: ana.userId, statusId: status.id, text: "Looks warm" },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message.status).toEqual({
      statusId: status.id,
      userId: ana.userId,
      kind: "encrypted",
      text: "",
      background: null,
      font: null,
      thumbnail: null,
    });
    for (const device of [a, a2, b, c]) device.close();
  });

  it("gives a changed audience a new key: who left reads nothing new, who joined reads what follows", async () => {
    const [ana, ben, cara] = await people("Ana", "Ben", "Cara");
    await openDirect(t.base, ana, ben);
    const [a, b, c] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben), startDevice(t.base, cara)]);
    const text = (words: string) => ({ kind: "text" as const, text: words, background: "#c2185b" as const, font: "serif" as const });
    const first = await postSealed(ana, a, text("Morning"));
    await b.sync();
    expect(await read(b, first)).toMatchObject({ text: "Morning", background: "#c2185b", font: "serif" });

    // Only Cara now, with whom Ana shares no chat: her device may still fetch Cara's keys and send her the room key.
    const res = await request(t.base, "PATCH", "/api/v1/users/me/privacy", {
      token: ana.token,
      json: { status: "only", statusOnly: [cara.userId] },
    });
    expect(res.status).toBe(200);
    expect(await audienceOf(ana)).toEqual([cara.userId]);
    const second = await postSealed(ana, a, text("Only for Cara"));
    expect(second.encrypted?.session_id).not.toBe(first.encrypted?.session_id);
    await c.sync();
    expect((await read(c, second)).text).toBe("Only for Cara");
    // Cara got the new key only: the status before her time stays closed to her, as a group's history does.
    await expect(read(c, first)).rejects.toBeInstanceOf(DecryptFailure);
    // Ben left the audience: her statuses aren't his to fetch any more (as before encryption), and his
    // device never got the new key.
    expect(await theirs(ben, ana)).toEqual([]);
    await b.sync();
    await expect(read(b, second)).rejects.toMatchObject({ waiting: true });
    for (const device of [a, b, c]) device.close();
  });

  it("removes an encrypted status's ciphertext when it expires", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    await openDirect(t.base, ana, ben);
    const a = await startDevice(t.base, ana);
    const { ciphertext, key } = await encryptFile(wasm, new Blob(["a short video"], { type: "video/mp4" }));
    const upload = await uploadSealed(ana, ciphertext, "video");
    const file = { key, mime: "video/mp4", name: "clip.mp4", size: 13, width: null, height: null, placeholder: null };
    const status = await postSealed(ana, a, { kind: "video", text: "", background: null, font: null, duration: 3, file }, upload.fileId);
    expect(stored(upload.sha256)).toBe(true);
    const removed = collect<StatusRemoved>(await connectAs(ben), "status:removed");
    advance(25 * HOUR);
    await until(() => removed.some((r) => r.statusIds.includes(status.id)), 10_000);
    expect(stored(upload.sha256)).toBe(false);
    expect(await t.db.get(`SELECT "id" FROM "Status" WHERE "id" = ?`, [status.id])).toBeUndefined();
    a.close();
  });

  it("refuses encrypted statuses that carry what belongs inside, and ciphertext in a plain status", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    await openDirect(t.base, ana, ben);
    const a = await startDevice(t.base, ana);
    const encrypted = await a.encrypt(statusRoomId(ana.userId), [ana.userId, ben.userId], SEALED_STATUS, { id: "x" });
    const refused = async (body: Record<string, unknown>, field: string) => {
      const res = await post(ana, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "bad_request", field });
      expect(res.body.error.message).toBeTruthy();
    };
    await refused({ kind: "encrypted" }, "encrypted");
    await refused({ kind: "encrypted", encrypted, text: "in the clear" }, "text");
    await refused({ kind: "encrypted", encrypted, background: "#128c7e" }, "text");
    await refused({ kind: "text", text: "hi", encrypted }, "encrypted");
    await refused({ kind: "encrypted", encrypted: { algorithm: "m.megolm.v1.aes-sha2" } }, "encrypted.ciphertext");
    // A status shows a photo or a video: an encrypted document upload doesn't go, nor ciphertext as a plain photo.
    const document = await uploadSealed(ana, new Blob([new Uint8Array(64)]), "document");
    await refused({ kind: "encrypted", encrypted, fileId: document.fileId }, "fileId");
    const sealedPhoto = await uploadSealed(ana, new Blob([new Uint8Array(64)]));
    await refused({ kind: "image", fileId: sealedPhoto.fileId }, "fileId");
    // Someone else's upload isn't theirs to post.
    const bens = await uploadSealed(ben, new Blob([new Uint8Array(64)]));
    const res = await post(ana, { kind: "encrypted", encrypted, fileId: bens.fileId });
    expect(res.status).toBe(403);
    a.close();
  });
});
