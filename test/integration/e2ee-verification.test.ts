// Verification with real devices (the crypto library's Node entry point) through the real server: both
// people get the same safety number from their own devices' view of the key server, and a device added or
// signed out on one side is noticed by the other's device after its next sync ("security code changed").
import { describe, expect, it } from "vitest";
import { type ContactKeyStore, type ContactKeys, DeviceVerification } from "../../lib/client/e2ee/verification";
import { request } from "../helpers/client";
import { newDevice, startDevice } from "../helpers/crypto-device";
import { testDatabases } from "../helpers/databases";
import { openDirect, until } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const memoryContacts = (): ContactKeyStore => {
  const saved: Record<string, ContactKeys> = {};
  return {
    all: async () => ({ ...saved }),
    put: async (id, record) => {
      saved[id] = record;
    },
  };
};

describe.each(testDatabases)("verification on $name", (database) => {
  const t = useTestServer(database);

  it("gives both people one safety number, and notices the other's devices change", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    await openDirect(t.base, ana, ben);
    const [a, b] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben)]);
    const [anas, bens] = [new DeviceVerification(ana.userId), new DeviceVerification(ben.userId)];
    await Promise.all([anas.attach(a, memoryContacts()), bens.attach(b, memoryContacts())]);
    anas.watch([ben.userId]);
    const number = await anas.safetyNumber(ben.userId);
    expect(number?.digits).toMatch(/^\d{60}$/);
    expect((await bens.safetyNumber(ana.userId))?.digits).toBe(number?.digits);
    expect(anas.getState()[ben.userId].changes).toEqual([]);

    // Ben signs in somewhere else: Ana's device hears of it in its next sync, and the number changes.
    const benPhone = await newDevice(t.base, ben);
    const phone = await startDevice(t.base, benPhone);
    await a.sync();
    await until(() => anas.getState()[ben.userId].changes.length === 1);
    expect(anas.getState()[ben.userId].keys).toHaveLength(2);
    const after = await anas.safetyNumber(ben.userId);
    expect(after?.digits).not.toBe(number?.digits);
    expect(after?.digits.slice(0, 30) === number?.digits.slice(0, 30) || after?.digits.slice(30) === number?.digits.slice(30)).toBe(true);

    // The phone signs out: a removed device is a change too.
    phone.close();
    expect((await request(t.base, "DELETE", "/api/v1/auth/token", { token: benPhone.token })).status).toBe(204);
    await a.sync();
    await until(() => anas.getState()[ben.userId].changes.length === 2);
    expect((await anas.safetyNumber(ben.userId))?.digits).toBe(number?.digits);
    a.close();
    b.close();
  });
});
