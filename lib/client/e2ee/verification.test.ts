import { describe, expect, it } from "vitest";
import type { GroupInfo } from "@/lib/contracts/groups";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import { CHANGES_KEPT, type ContactKeyStore, type ContactKeys, DeviceVerification, encryptedPeers, noticeKeys } from "./verification";

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64").replace(/=+$/, "");

describe("noticeKeys", () => {
  it("remembers the first sight of someone without calling it a change", () => {
    expect(noticeKeys(undefined, [key(1)], 5)).toEqual({ keys: [key(1)], changes: [], verified: null });
  });

  it("notes the moment a device is added or removed, and nothing when the devices are the same", () => {
    const first = noticeKeys(undefined, [key(1)], 5) as ContactKeys;
    expect(noticeKeys(first, [key(1)], 6)).toBeNull();
    const added = noticeKeys(first, [key(1), key(2)], 7) as ContactKeys;
    expect(added).toEqual({ keys: [key(1), key(2)], changes: [7], verified: null });
    expect(noticeKeys(added, [key(2)], 9)?.changes).toEqual([7, 9]);
  });

  it("keeps a verification (it holds only while the safety number is the same) and the latest changes", () => {
    const verified = { keys: [key(1)], changes: Array.from({ length: CHANGES_KEPT }, (_, i) => i), verified: { safetyNumber: "1", at: 1 } };
    const next = noticeKeys(verified, [key(3)], 100) as ContactKeys;
    expect(next.verified).toEqual({ safetyNumber: "1", at: 1 });
    expect(next.changes).toHaveLength(CHANGES_KEPT);
    expect(next.changes.at(-1)).toBe(100);
  });

  it("never remembers an empty device list (unknown, or nobody to send to)", () => {
    expect(noticeKeys(undefined, [], 1)).toBeNull();
    expect(noticeKeys({ keys: [key(1)], changes: [], verified: null }, [], 1)).toBeNull();
  });
});

describe("encryptedPeers", () => {
  it("is the other person of each encrypted direct chat, and the other members of each encrypted group whose info is loaded", () => {
    const chat = (id: string, over: Partial<ConversationSummary>) => ({
      id,
      kind: "direct",
      encrypted: true,
      peer: { id: `p-${id}` },
      ...over,
    });
    const conversations = {
      a: chat("a", {}),
      b: chat("b", { encrypted: false }),
      c: chat("c", { kind: "group", peer: null }),
      d: chat("d", { kind: "group", peer: null }),
      e: chat("e", { kind: "group", peer: null, encrypted: false }),
      self: chat("self", { peer: { id: "me" } as PublicUser }),
    } as unknown as Record<string, ConversationSummary>;
    const members = (...ids: string[]) => ({ members: ids.map((id) => ({ user: { id } })) }) as unknown as GroupInfo;
    // Group d's info isn't loaded; e isn't encrypted; p-a is in a direct chat and in c.
    const groups = { c: members("me", "p-a", "p-c"), e: members("me", "p-e") };
    expect(encryptedPeers(conversations, groups, "me")).toEqual(["p-a", "p-c"]);
  });
});

/** A directory whose device lists the test sets, telling listeners as the crypto client would. */
function fakeDirectory(devices: Record<string, string[]>) {
  const listeners = new Set<(ids: string[]) => void>();
  return {
    devices,
    deviceKeys: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, [...(devices[id] ?? [])].sort()])),
    onDevicesChanged: (listener: (ids: string[]) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    change(id: string, keys: string[]) {
      devices[id] = keys;
      for (const listener of listeners) listener([id]);
    },
  };
}

function memoryStore(initial: Record<string, ContactKeys> = {}): ContactKeyStore & { saved: Record<string, ContactKeys> } {
  const saved = { ...initial };
  return {
    saved,
    all: async () => ({ ...saved }),
    put: async (id, record) => {
      saved[id] = record;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("DeviceVerification", () => {
  it("notices a watched contact's new device once, where the device noticed it, and remembers it on the device", async () => {
    let now = 1_000;
    const directory = fakeDirectory({ me: [key(9)], ben: [key(1)] });
    const store = memoryStore();
    const verification = new DeviceVerification("me", () => now);
    verification.watch(["ben"]);
    await verification.attach(directory, store);
    await settle();
    expect(verification.getState().ben).toEqual({ keys: [key(1)], changes: [], verified: null });
    now = 2_000;
    directory.change("ben", [key(1), key(2)]);
    await settle();
    expect(verification.getState().ben.changes).toEqual([2_000]);
    expect(store.saved.ben.changes).toEqual([2_000]);
    // The same list again (another sync) is no change.
    directory.change("ben", [key(2), key(1)]);
    await settle();
    expect(verification.getState().ben.changes).toEqual([2_000]);
  });

  it("compares with what it remembered before a reload", async () => {
    const store = memoryStore({ ben: { keys: [key(1)], changes: [], verified: null } });
    const verification = new DeviceVerification("me", () => 5);
    verification.watch(["ben"]);
    await verification.attach(fakeDirectory({ me: [key(9)], ben: [key(3)] }), store);
    await settle();
    expect(verification.getState().ben.changes).toEqual([5]);
  });

  it("ignores changes of people it doesn't watch", async () => {
    const directory = fakeDirectory({ me: [key(9)], cy: [key(4)] });
    const verification = new DeviceVerification("me");
    await verification.attach(directory, memoryStore());
    directory.change("cy", [key(5)]);
    await settle();
    expect(verification.getState().cy).toBeUndefined();
  });

  it("gives the same safety number to both people, and a verification that lapses when either side's devices change", async () => {
    const directory = fakeDirectory({ ana: [key(1)], ben: [key(2)] });
    const [anas, bens] = [new DeviceVerification("ana"), new DeviceVerification("ben")];
    await Promise.all([anas.attach(directory, memoryStore()), bens.attach(directory, memoryStore())]);
    const number = await anas.safetyNumber("ben");
    expect(number).toEqual({ digits: expect.stringMatching(/^\d{60}$/), verified: false, stale: false });
    expect((await bens.safetyNumber("ana"))?.digits).toBe(number?.digits);

    await anas.setVerified("ben", number?.digits ?? null);
    expect(await anas.safetyNumber("ben")).toMatchObject({ verified: true, stale: false });
    directory.devices.ana = [key(1), key(3)];
    expect(await anas.safetyNumber("ben")).toMatchObject({ verified: false, stale: true });
    await anas.setVerified("ben", null);
    expect(await anas.safetyNumber("ben")).toMatchObject({ verified: false, stale: false });
  });

  it("has no safety number with someone who has no device", async () => {
    const verification = new DeviceVerification("ana");
    await verification.attach(fakeDirectory({ ana: [key(1)] }), memoryStore());
    expect(await verification.safetyNumber("ben")).toBeNull();
  });
});
