// History shared between a user's own devices, through the real server, with devices of the audited
// crypto library: a new device asks, the user's other device (once the user agrees) sends its room keys
// in pieces, and the new device reads what came before it. Keys from anyone but the user's own devices
// are ignored.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cryptoUserId } from "../../lib/contracts/e2ee";
import { DecryptFailure } from "../../lib/crypto/crypto-client";
import { HISTORY_KEYS } from "../../lib/crypto/history-share";
import { newDevice, readSealed, sendSealed, startDevice, wasm } from "../helpers/crypto-device";
import { testDatabases } from "../helpers/databases";
import { openDirect } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

describe.each(testDatabases)("history between own devices on $name", (database) => {
  const t = useTestServer(database);

  it("sends the history to a new device of the same user once asked, in pieces, and nothing to anyone else", async () => {
    const [ana, ben, cy] = await t.people("Ana", "Ben", "Cy");
    const chat = await openDirect(t.base, ana, ben);
    const theirs = await openDirect(t.base, ben, cy);
    const [phone, benDevice] = [await startDevice(t.base, ana), await startDevice(t.base, ben)];
    const before = await sendSealed(t.base, ana, phone, chat.id, [ana, ben], "from before the laptop");
    // Enough room keys that they take several pieces (each is about 600 bytes exported).
    for (let i = 0; i < 16; i++) await phone.encrypt(`local-${i}`, [ana.userId], "chatterbox.message", { type: "text", text: "x" });
    await benDevice.sync();
    const secret = await sendSealed(t.base, ben, benDevice, theirs.id, [ben, cy], "between Ben and Cy");

    const laptop = await startDevice(t.base, await newDevice(t.base, ana));
    await expect(readSealed(laptop, before)).rejects.toBeInstanceOf(DecryptFailure);
    const received: number[] = [];
    laptop.history.onReceived((keys) => received.push(keys));

    expect(await laptop.history.ask()).toBe(1);
    await phone.sync();
    // Heard by a screen that opens after the request came, too (the phone's user was elsewhere in the app).
    const asked: string[] = [];
    phone.history.onRequest((deviceId) => asked.push(deviceId));
    expect(asked).toEqual([laptop.machine.deviceId.toString()]);
    const shared = await phone.history.share(asked[0]);
    expect(shared).toBe(17);
    // Answered: a screen opened now isn't asked again.
    const later: string[] = [];
    phone.history.onRequest((deviceId) => later.push(deviceId));
    expect(later).toEqual([]);
    await laptop.sync();
    expect(received.length).toBeGreaterThan(1);
    expect(received.reduce((a, b) => a + b, 0)).toBe(17);
    expect(await readSealed(laptop, before)).toBe("from before the laptop");

    // Ben sends his keys to Ana's laptop as if he were one of her devices: they are ignored.
    const benKeys = JSON.parse(await benDevice.machine.exportRoomKeys(() => true));
    await sendSealed(t.base, ben, benDevice, chat.id, [ana, ben], "hello to every device of Ana's"); // opens Olm sessions with the laptop
    const target = await benDevice.machine.getDevice(new wasm.UserId(cryptoUserId(ana.userId)), laptop.machine.deviceId);
    expect(target).toBeDefined();
    const forged = JSON.parse((await target?.encryptToDeviceEvent(HISTORY_KEYS, { keys: benKeys, part: 1, parts: 1 })) ?? "{}");
    const { tokenTransport } = await import("../helpers/crypto-device");
    await tokenTransport(t.base, ben.token)("PUT", `/api/v1/to-device/${randomUUID()}`, {
      type: "m.room.encrypted",
      messages: { [cryptoUserId(ana.userId)]: { [laptop.machine.deviceId.toString()]: forged } },
    });
    await laptop.sync();
    expect(received.reduce((a, b) => a + b, 0)).toBe(17);
    await expect(readSealed(laptop, secret)).rejects.toBeInstanceOf(DecryptFailure);
    for (const device of [phone, laptop, benDevice]) device.close();
  });
});
