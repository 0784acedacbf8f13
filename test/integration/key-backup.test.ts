import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import { DecryptFailure } from "../../lib/crypto/crypto-client";
import { BackupKeyMismatch } from "../../lib/crypto/key-backup-client";
import { BadRecoveryKey, encodeRecoveryKey } from "../../lib/crypto/recovery-key";
import { request, type TestUser } from "../helpers/client";
import { newDevice, readSealed, sendSealed, startDevice, wasm } from "../helpers/crypto-device";
import { testDatabases } from "../helpers/databases";
import { openDirect, openToGroups } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

describe.each(testDatabases)("key backup on $name", (database) => {
  const t = useTestServer(database);

  /** Waits until the device's background uploads reached the server's backup (count keys). */
  async function backedUp(user: TestUser, count: number) {
    for (let i = 0; i < 100; i++) {
      const res = await request(t.base, "GET", "/api/v1/room-keys/version", { token: user.token });
      if (res.status === 200 && res.body.count >= count) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the backup never held ${count} keys`);
  }

  it("restores the history on a new device with the recovery key, after refusing a wrong one", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const [phone, benDevice] = [await startDevice(t.base, ana), await startDevice(t.base, ben)];
    expect(await phone.backup.status()).toEqual({ state: "none" });

    const fromAna = await sendSealed(t.base, ana, phone, chat.id, [ana, ben], "ana before the backup");
    await benDevice.sync();
    const fromBen = await sendSealed(t.base, ben, benDevice, chat.id, [ana, ben], "ben before the backup");
    await phone.sync();

    const { recoveryKey, version } = await phone.backup.create();
    expect(recoveryKey).toMatch(/^Es\S\S( \S{1,4}){11,}$/);
    expect(await phone.backup.status()).toMatchObject({ state: "on", version, count: 2, passphrase: false });

    // A new device of Ana's was not there: it can't read what came before, until it restores.
    const laptop = await startDevice(t.base, await newDevice(t.base, ana));
    expect(await laptop.backup.status()).toMatchObject({ state: "locked", version, count: 2 });
    await expect(readSealed(laptop, fromAna)).rejects.toBeInstanceOf(DecryptFailure);

    const other = encodeRecoveryKey(wasm.BackupDecryptionKey.createRandomKey().toBase64());
    await expect(laptop.backup.restore({ recoveryKey: other })).rejects.toThrow(BackupKeyMismatch);
    await expect(laptop.backup.restore({ recoveryKey: `${recoveryKey}x` })).rejects.toThrow(BadRecoveryKey);
    await expect(laptop.backup.restore({ passphrase: "not one" })).rejects.toThrow(/recovery key, not a passphrase/);

    expect(await laptop.backup.restore({ recoveryKey: recoveryKey as string })).toEqual({ restored: 2, total: 2 });
    expect(await readSealed(laptop, fromAna)).toBe("ana before the backup");
    expect(await readSealed(laptop, fromBen)).toBe("ben before the backup");
    expect(await laptop.backup.status()).toMatchObject({ state: "on", version });

    // Keys made after the backup was set up go to it too, from any device that holds its key.
    await openToGroups(t.base, ana, ben);
    const group = (
      await request<ConversationSummary>(t.base, "POST", "/api/v1/groups", {
        token: ben.token,
        json: { name: "New", participants: [ana.userId] },
      })
    ).body;
    await sendSealed(t.base, ana, laptop, group.id, [ana, ben], "a new chat's first message");
    await backedUp(ana, 3);
    for (const device of [phone, laptop, benDevice]) device.close();
  });

  it("unlocks with a passphrase, and a new backup stops the old one's devices from adding to it", async () => {
    const [cid, dan] = await t.people("Cid", "Dan");
    const chat = await openDirect(t.base, cid, dan);
    const phone = await startDevice(t.base, cid);
    const first = await phone.backup.create();
    const message = await sendSealed(t.base, cid, phone, chat.id, [cid, dan], "kept by a passphrase");
    await backedUp(cid, 1);

    // Another device replaces the backup with one unlocked by a passphrase (and holds the key already).
    const laptop = await startDevice(t.base, await newDevice(t.base, cid));
    await laptop.backup.restore({ recoveryKey: first.recoveryKey as string });
    const second = await laptop.backup.create("a long passphrase nobody guesses");
    expect(second).toEqual({ recoveryKey: null, version: String(Number(first.version) + 1) });
    expect(await laptop.backup.status()).toMatchObject({ state: "on", version: second.version, count: 1, passphrase: true });
    // The phone still holds the first backup's key: it is locked out of the new one.
    expect(await phone.backup.status()).toMatchObject({ state: "locked", version: second.version });

    const tablet = await startDevice(t.base, await newDevice(t.base, cid));
    await expect(tablet.backup.restore({ passphrase: "a long passphrase somebody guesses" })).rejects.toThrow(
      "That passphrase doesn't open your backup",
    );
    await expect(tablet.backup.restore({ recoveryKey: first.recoveryKey as string })).rejects.toThrow(BackupKeyMismatch);
    expect(await tablet.backup.restore({ passphrase: "a long passphrase nobody guesses" })).toEqual({ restored: 1, total: 1 });
    expect(await readSealed(tablet, message)).toBe("kept by a passphrase");
    for (const device of [phone, laptop, tablet]) device.close();
  });

  it("refuses keys for others' chats, an old version, malformed and oversized bodies", async () => {
    const [eve, fay, gus] = await t.people("Eve", "Fay", "Gus");
    const theirs = await openDirect(t.base, fay, gus);
    const mine = await openDirect(t.base, eve, fay);
    const as = { token: eve.token };
    expect((await request(t.base, "GET", "/api/v1/room-keys/version", as)).status).toBe(404);
    const key = wasm.BackupDecryptionKey.createRandomKey().megolmV1PublicKey.publicKeyBase64;
    const bad = await request(t.base, "POST", "/api/v1/room-keys/version", {
      ...as,
      json: { algorithm: "rot13", auth_data: { public_key: key } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("algorithm");
    const weak = await request(t.base, "POST", "/api/v1/room-keys/version", {
      ...as,
      json: {
        algorithm: "m.megolm_backup.v1.curve25519-aes-sha2",
        auth_data: { public_key: key, private_key_salt: "saltsaltsaltsalt", private_key_iterations: 10 },
      },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.field).toBe("auth_data.private_key_iterations");
    const made = await request(t.base, "POST", "/api/v1/room-keys/version", {
      ...as,
      json: { algorithm: "m.megolm_backup.v1.curve25519-aes-sha2", auth_data: { public_key: key } },
    });
    expect(made.status).toBe(201);
    const version = made.body.version as string;

    const session = {
      first_message_index: 0,
      forwarded_count: 0,
      is_verified: false,
      session_data: { ephemeral: key, ciphertext: key, mac: "A".repeat(22) },
    };
    const put = (
      room: string,
      v = version,
      body: unknown = { rooms: { [`!${room}:chatterbox`]: { sessions: { ["S".repeat(43)]: session } } } },
    ) => request(t.base, "PUT", `/api/v1/room-keys/keys?version=${v}`, { ...as, json: body });
    expect((await put(mine.id)).status).toBe(200);
    const foreign = await put(theirs.id);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toBe("You can only back up keys of your own conversations");
    const old = await put(mine.id, String(Number(version) + 5));
    expect(old.status).toBe(409);
    expect(old.body.error.field).toBe("version");
    const malformed = await put(mine.id, version, { rooms: { "#general": { sessions: {} } } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe("rooms.#general");
    const huge = await put(mine.id, version, { rooms: { [`!${mine.id}:chatterbox`]: { sessions: {} } }, pad: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);

    // A worse copy of a key (forwarded more often) never replaces a better one; the page reads back what is kept.
    await put(mine.id, version, {
      rooms: { [`!${mine.id}:chatterbox`]: { sessions: { ["S".repeat(43)]: { ...session, forwarded_count: 3 } } } },
    });
    const page = await request(t.base, "GET", `/api/v1/room-keys/keys?version=${version}`, as);
    expect(page.body).toEqual({ rooms: { [`!${mine.id}:chatterbox`]: { sessions: { ["S".repeat(43)]: session } } } });
    // Someone else's backup is not reachable: each user reads only their own.
    expect((await request(t.base, "GET", `/api/v1/room-keys/keys?version=${version}`, { token: fay.token })).status).toBe(404);

    expect((await request(t.base, "DELETE", "/api/v1/room-keys/version", as)).status).toBe(200);
    expect((await request(t.base, "GET", "/api/v1/room-keys/version", as)).status).toBe(404);
  });
});
