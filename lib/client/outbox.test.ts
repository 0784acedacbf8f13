import "fake-indexeddb/auto";
import { openDB } from "idb";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { deviceCipher } from "./e2ee/device-vault";
import { type ClientStore, dbName, memoryStore, openClientStore } from "./outbox";
import { oldClientDb } from "./test-support/old-client-db";
import { groupSummary } from "./test-support/summaries";

let userCount = 0;
const stores: ClientStore[] = [];
/** Opens the user's store with the device `deviceId`'s key (each user's own device unless told). */
async function open(userId = `user-${++userCount}`, deviceId = `device-of-${userId}`) {
  const store = await openClientStore(userId, () => deviceCipher(deviceId));
  stores.push(store);
  return { store, userId };
}

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  vi.restoreAllMocks();
});

describe.each([
  ["IndexedDB", async () => (await open()).store],
  ["memory fallback", async () => memoryStore()],
])("client store (%s)", (_name, make) => {
  it("keeps the outbox in insertion order, even within one millisecond", async () => {
    const store = await make();
    vi.spyOn(Date, "now").mockReturnValue(1_000);
    const ids = ["zzzzzzzz-3", "aaaaaaaa-1", "mmmmmmmm-2", "bbbbbbbb-4"];
    for (const id of ids) await store.enqueue({ id, conversationId: "c1", text: `text ${id}` });
    const items = await store.outbox();
    expect(items.map((i) => i.id)).toEqual(ids);
    expect(new Set(items.map((i) => i.createdAt)).size).toBe(ids.length);
    expect(items[0]).toMatchObject({ conversationId: "c1", text: "text zzzzzzzz-3", attempts: 0 });
  });

  it("removes items and counts failed attempts", async () => {
    const store = await make();
    await store.enqueue({ id: "first-item", to: "u2", text: "hi" });
    await store.enqueue({ id: "second-item", conversationId: "c1", text: "there" });
    expect(await store.recordAttempt("first-item")).toBe(1);
    expect(await store.recordAttempt("first-item")).toBe(2);
    await store.remove("second-item");
    await store.remove("never-there");
    expect(await store.outbox()).toEqual([expect.objectContaining({ id: "first-item", to: "u2", attempts: 2 })]);
  });

  it("moves cursors forward only", async () => {
    const store = await make();
    expect(await store.cursors()).toEqual({});
    expect(await store.advanceCursor("c1", 5)).toBe(5);
    expect(await store.advanceCursor("c1", 3)).toBe(5);
    expect(await store.advanceCursor("c2", 1)).toBe(1);
    expect(await store.advanceCursor("c1", 9)).toBe(9);
    expect(await store.cursors()).toEqual({ c1: 9, c2: 1 });
  });
});

describe("IndexedDB client store", () => {
  it("survives a reload (closing and reopening the database)", async () => {
    const { store, userId } = await open();
    await store.enqueue({ id: "offline-1", conversationId: "c1", text: "sent while offline" });
    await store.enqueue({ id: "offline-2", conversationId: "c1", text: "and another" });
    await store.advanceCursor("c1", 42);
    store.close();

    const { store: reopened } = await open(userId);
    expect((await reopened.outbox()).map((i) => i.text)).toEqual(["sent while offline", "and another"]);
    expect(await reopened.cursors()).toEqual({ c1: 42 });
  });

  it("keeps each user's outbox apart", async () => {
    const a = await open();
    const b = await open();
    expect(dbName(a.userId)).not.toBe(dbName(b.userId));
    await a.store.enqueue({ id: "only-for-a", conversationId: "c1", text: "a" });
    expect(await b.store.outbox()).toEqual([]);
  });

  it("refuses a second item with the same id", async () => {
    const { store } = await open();
    await store.enqueue({ id: "same-id-1", conversationId: "c1", text: "one" });
    await expect(store.enqueue({ id: "same-id-1", conversationId: "c1", text: "two" })).rejects.toThrow();
    expect((await store.outbox()).map((i) => i.text)).toEqual(["one"]);
  });

  it("keeps the chats for opening offline, replacing, forgetting and clearing them", async () => {
    const { store, userId } = await open();
    const chat = (id: string, text: string) => ({ summary: { ...groupSummary({ id }) }, messages: [{ text } as ChatMessage] });
    await store.saveSnapshot([chat("g1", "first"), chat("g2", "second")], []);
    await store.saveSnapshot([chat("g1", "first, edited")], ["g2"]);
    store.close();
    const { store: reopened } = await open(userId);
    expect((await reopened.snapshot()).map((c) => [c.summary.id, c.messages[0].text])).toEqual([["g1", "first, edited"]]);
    await reopened.clearSnapshot();
    expect(await reopened.snapshot()).toEqual([]);
  });

  it("keeps the chats sealed with the device's key: the database holds no text, and another device's key opens nothing", async () => {
    const { store, userId } = await open();
    const marker = `decrypted-words-${Math.random()}`;
    await store.saveSnapshot([{ summary: { ...groupSummary({ id: "g1" }) }, messages: [{ text: marker } as ChatMessage] }], []);
    store.close();
    const raw = await openDB(dbName(userId));
    const records = await raw.getAll("chats");
    raw.close();
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records)).not.toContain(marker);
    expect(JSON.stringify(records)).not.toContain("Trip");

    const { store: elsewhere } = await open(userId, "another-device");
    expect(await elsewhere.snapshot()).toEqual([]);
    elsewhere.close();
    const { store: mine } = await open(userId);
    expect((await mine.snapshot())[0].messages[0].text).toBe(marker);
  });

  it("keeps no chats without the device's key, and forgets the ones it had", async () => {
    const { store, userId } = await open();
    const chat = { summary: { ...groupSummary({ id: "g1" }) }, messages: [{ text: "kept" } as ChatMessage] };
    await store.saveSnapshot([chat], []);
    store.close();
    const keyless = await openClientStore(userId);
    stores.push(keyless);
    await keyless.saveSnapshot([chat], []);
    expect(await keyless.snapshot()).toEqual([]);
    const { store: mine } = await open(userId);
    expect(await mine.snapshot()).toEqual([]);
  });

  it("drops the unsealed chats a version-2 database kept, keeping its outbox and cursors", async () => {
    const userId = `user-${++userCount}`;
    const old = await oldClientDb(userId, 2);
    await old.put("outbox", { id: "from-v2", conversationId: "g1", text: "pending", createdAt: 1, attempts: 0 });
    await old.put("cursors", 3, "g1");
    await old.put("chats", { summary: groupSummary({ id: "g1" }), messages: [{ text: "unsealed words" }] });
    old.close();
    const { store } = await open(userId);
    expect(await store.snapshot()).toEqual([]);
    expect((await store.outbox()).map((i) => i.id)).toEqual(["from-v2"]);
    expect(await store.cursors()).toEqual({ g1: 3 });
    store.close();
    const raw = await openDB(dbName(userId));
    expect(JSON.stringify(await raw.getAll("chats"))).not.toContain("unsealed words");
    raw.close();
  });

  it("upgrades a database made before chats were kept, keeping its outbox and cursors", async () => {
    const userId = `user-${++userCount}`;
    const old = await oldClientDb(userId, 1);
    await old.put("outbox", { id: "from-v1", conversationId: "c1", text: "written before the upgrade", createdAt: 1, attempts: 0 });
    await old.put("cursors", 7, "c1");
    old.close();
    const { store } = await open(userId);
    expect((await store.outbox()).map((i) => i.id)).toEqual(["from-v1"]);
    expect(await store.cursors()).toEqual({ c1: 7 });
    expect(await store.snapshot()).toEqual([]);
  });
});
