import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { SEALED_MESSAGE } from "@/lib/contracts/sealed";
import { fakeDevice, message, sealed } from "../test-support/fake-crypto";
import { devicePassphrase, openDeviceDb, sealedValue } from "./device-vault";
import { type LocalQuery, LocalSearch, type LocalSearchDeps, mergeResults } from "./local-search";
import { MessageOpener } from "./message-opener";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const NOW = Date.parse("2026-12-07T12:00:00.000Z");

/**
 * A device that decrypts through the real opener into the index, as the engine does: `show` is the way
 * every message comes in; what is "held" is opened again when something was decrypted (the store's reopen).
 */
function setup(deps: Partial<LocalSearchDeps> = {}) {
  const device = fakeDevice();
  const held = new Map<string, ChatMessage>();
  const index = new LocalSearch({ marks: () => ({}), now: () => NOW, ...deps });
  const show = (m: ChatMessage) => {
    const shown = opener.open(m);
    index.take(shown);
    return shown;
  };
  const opener = new MessageOpener(() => {
    for (const m of held.values()) show(m);
    index.retry(show);
  });
  opener.use(device);
  device.arrive("S".repeat(43));
  /** A message from the server that the store holds (it is opened again as keys arrive). */
  const receive = (m: ChatMessage) => {
    held.set(`${m.conversationId}/${m.seq}`, m);
    show(m);
  };
  /** An encrypted message saying `content`, with a time-ordered id. */
  const says = (seq: number, content: Record<string, unknown>, extra: Partial<ChatMessage> = {}) => {
    device.plain(`CT${seq}x${extra.editedAt ? "E" : ""}`, SEALED_MESSAGE, { id: extra.clientId ?? `c${seq}`, ...content });
    return message(seq, sealed(`CT${seq}x${extra.editedAt ? "E" : ""}`), { id: `0190-${String(seq).padStart(4, "0")}`, ...extra });
  };
  const find = (q: string, scope: Omit<LocalQuery, "q"> = {}) => index.search({ q, ...scope }).messages.map((m) => m.text);
  return { device, index, show, receive, says, find, held };
}

describe("LocalSearch", () => {
  it("indexes what was decrypted: each word a prefix of a word, all of them, newest first, never failed or waiting messages", async () => {
    const d = setup();
    d.receive(d.says(1, { type: "text", text: "The cake is in the oven" }));
    d.receive(d.says(2, { type: "text", text: "Cakes for everyone!" }));
    d.receive(message(3, sealed("FORGED"), { id: "0190-0003" }));
    d.receive(message(4, sealed("NOKEY", "T".repeat(43)), { id: "0190-0004" }));
    d.device.plain("NOKEY", SEALED_MESSAGE, { id: "c4", type: "text", text: "cake secret" });
    await settle();
    expect(d.find("cak")).toEqual(["Cakes for everyone!", "The cake is in the oven"]);
    expect(d.find("CAKE OV")).toEqual(["The cake is in the oven"]);
    expect(d.find("cake pie")).toEqual([]);
    expect(d.find("secret")).toEqual([]);
    const [hit] = d.index.search({ q: "oven" }).messages;
    expect(hit).toMatchObject({ id: "0190-0001", conversationId: "c1", seq: 1, type: "text" });
    expect(hit).not.toHaveProperty("encrypted");
    // Keys arrive: the waiting message is indexed then.
    d.device.arrive("T".repeat(43));
    await settle();
    expect(d.find("secret")).toEqual(["cake secret"]);
  });

  it("applies the server's filters, sender, chat, paging and disappearing times", async () => {
    const d = setup();
    const file = { fileId: "f1", fileName: "menu.pdf", mime: "application/pdf", size: 10, width: null, height: null, duration: null };
    d.receive(d.says(1, { type: "image", text: "Dinner photo" }, { file: { ...file, mime: "image/png" } as ChatMessage["file"] }));
    d.receive(d.says(2, { type: "document", text: "Dinner menu" }, { file: file as ChatMessage["file"] }));
    d.receive(d.says(3, { type: "text", text: "Dinner at www.example.com" }));
    d.receive(d.says(4, { type: "text", text: "Dinner later" }, { senderId: "ana", conversationId: "c2" }));
    d.receive(d.says(5, { type: "text", text: "Dinner gone" }, { expiresAt: new Date(NOW - 1).toISOString() }));
    await settle();
    expect(d.find("dinner", { filter: "media" })).toEqual(["Dinner photo"]);
    expect(d.find("", { filter: "documents" })).toEqual(["Dinner menu"]);
    expect(d.find("", { filter: "links" })).toEqual(["Dinner at www.example.com"]);
    expect(d.find("", { senderId: "ana" })).toEqual(["Dinner later"]);
    expect(d.find("dinner", { conversationId: "c1" })).toEqual(["Dinner at www.example.com", "Dinner menu", "Dinner photo"]);
    expect(d.index.search({ q: "dinner", limit: 2 })).toMatchObject({ hasMore: true, messages: [{ seq: 4 }, { seq: 3 }] });
    expect(d.find("dinner", { before: "0190-0003" })).toEqual(["Dinner menu", "Dinner photo"]);
    expect(d.find("")).toEqual([]);
  });

  it("follows edits and deletions: old words leave, new ones come when decrypted", async () => {
    const d = setup();
    d.receive(d.says(1, { type: "text", text: "The cake is in the oven" }));
    d.receive(d.says(2, { type: "text", text: "Second slice" }, { conversationId: "c2" }));
    d.receive(d.says(3, { type: "text", text: "Third slice" }));
    await settle();
    // An edit whose room key hasn't come yet, of a message the store no longer holds: the old words leave now.
    d.held.clear();
    d.device.plain("EDIT", SEALED_MESSAGE, { id: "c1", type: "text", text: "The pie is in the oven" });
    const edited = message(1, sealed("EDIT", "U".repeat(43)), { id: "0190-0001", editedAt: "2026-12-07T11:00:00.000Z", changedSeq: 1 });
    d.show(edited);
    expect(d.find("cake")).toEqual([]);
    await settle();
    d.device.arrive("U".repeat(43));
    await settle();
    expect(d.find("oven")).toEqual(["The pie is in the oven"]);
    // Deleted for everyone (the ciphertext is gone), deleted for me, chats no longer listed.
    d.show({ ...edited, type: "deleted", encrypted: undefined, changedSeq: 2 });
    expect(d.find("oven")).toEqual([]);
    d.index.remove("c1", [3]);
    expect(d.find("slice")).toEqual(["Second slice"]);
    await d.index.keepChats(["c1"]);
    expect(d.find("slice")).toEqual([]);
  });

  it("keeps the index sealed in the device's vault: saved after changes, read back on the next start", async () => {
    const deviceId = `dev-${Math.random()}`;
    const storage = async () => sealedValue(deviceId, "searchIndex");
    const d = setup({ storage, saveDelayMs: 1, marks: () => ({ c1: 7, c9: 3 }) });
    await d.index.load();
    d.receive(d.says(1, { type: "text", text: "The cake is in the oven" }));
    await settle();
    // Only the tab running the device saves.
    await d.index.flush();
    const db = await openDeviceDb(deviceId);
    expect(await db.get("values", "searchIndex")).toBeUndefined();
    d.index.allowSaving();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await d.index.flush();
    const first = (await db.get("values", "searchIndex")) as { iv: Uint8Array; data: ArrayBuffer };
    expect(Buffer.from(first.data).toString("latin1")).not.toMatch(/oven|cake/);
    // The crypto store's passphrase is wrapped by the same key, made once.
    expect(await devicePassphrase(db)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    d.receive(d.says(2, { type: "text", text: "Save me a slice" }));
    await settle();
    await d.index.flush();
    const second = (await db.get("values", "searchIndex")) as { iv: Uint8Array };
    expect(Buffer.from(second.iv).equals(Buffer.from(first.iv))).toBe(false);
    db.close();

    const next = new LocalSearch({ storage, marks: () => ({}), now: () => NOW });
    // What happens before the saved index is read goes over it.
    next.remove("c1", [2]);
    expect(await next.load()).toEqual({ c1: 7 });
    expect(next.search({ q: "oven" }).messages.map((m) => m.seq)).toEqual([1]);
    expect(next.search({ q: "slice" }).messages).toEqual([]);
  });

  it("starts empty when the saved index can't be opened, and saves nothing once closed", async () => {
    const deviceId = `dev-${Math.random()}`;
    const db = await openDeviceDb(deviceId);
    await db.put("values", { iv: new Uint8Array(12), data: new ArrayBuffer(32) }, "searchIndex");
    const d = setup({ storage: async () => sealedValue(deviceId, "searchIndex") });
    expect(await d.index.load()).toEqual({});
    d.index.allowSaving();
    await d.index.close();
    d.receive(d.says(1, { type: "text", text: "The cake is in the oven" }));
    await settle();
    await d.index.flush();
    expect(Buffer.from(((await db.get("values", "searchIndex")) as { data: ArrayBuffer }).data).every((b) => b === 0)).toBe(true);
    db.close();
  });
});

describe("mergeResults", () => {
  const m = (id: string, text = id) => ({ ...message(1, sealed("X")), id, text });
  it("gives one page newest first, a message both found as decrypted", () => {
    const server = { messages: [m("05", "ciphertext"), m("03")], hasMore: false };
    const local = { messages: [m("05", "decrypted"), m("04")], hasMore: false };
    expect(mergeResults(local, server).messages.map((x) => x.text)).toEqual(["decrypted", "04", "03"]);
    expect(mergeResults(local, server, 2)).toMatchObject({ hasMore: true, messages: [{ id: "05" }, { id: "04" }] });
    expect(mergeResults(local, null).messages.map((x) => x.id)).toEqual(["05", "04"]);
  });
});
