// The outbox sent in batches: order kept across batches and uploads, one request at a time, refusals and
// retries per message, and items stored in IndexedDB by the previous version still sent.
import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { SEND_BATCH_MAX } from "@/lib/contracts/messaging";
import type { CryptoClient } from "@/lib/crypto/crypto-client";
import { memoryStore, openClientStore } from "./outbox";
import { ME, settle, setUpEngineHarness } from "./test-support/engine-harness";
import { fakeDevice } from "./test-support/fake-crypto";
import { oldClientDb } from "./test-support/old-client-db";

const harness = setUpEngineHarness();
const texts = () =>
  harness()
    .sent()
    .map((s) => s.text);
const batches = () => harness().requests("message:send-batch") as { messages: unknown[] }[];
const numbered = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `m${from + i}`);

describe("batched outbox", () => {
  it("sends an outbox written offline in ordered batches of at most SEND_BATCH_MAX, one request at a time", async () => {
    const storage = memoryStore();
    const { engine, transport, state } = harness().device(storage);
    await settle();
    for (const text of numbered(150)) await engine.send("c1", text);
    expect(state().pending).toHaveLength(150);
    expect(batches()).toEqual([]);

    transport.setOnline(true);
    await settle();
    expect(batches().map((b) => b.messages.length)).toEqual([SEND_BATCH_MAX, 150 - SEND_BATCH_MAX]);
    expect(transport.maxInFlight).toBe(1);
    expect(texts()).toEqual(numbered(150));
    expect(state().pending).toEqual([]);
    expect(await storage.outbox()).toEqual([]);
    expect(state().messages.c1.map((m) => m.text)).toEqual(numbered(150));
    expect(state().messages.c1.map((m) => m.seq)).toEqual(numbered(150).map((_, i) => i + 1));
  });

  it("takes out and reports a message refused for good in the middle of a batch, and stores the ones after it", async () => {
    harness().server.script.set("message:send", ["ok", "refuse", "ok"]);
    const storage = memoryStore();
    const { engine, transport, state } = harness().device(storage);
    await settle();
    for (const text of ["before", "doomed", "after"]) await engine.send("c1", text);
    transport.setOnline(true);
    await settle();
    expect(batches()).toHaveLength(1);
    expect(state().messages.c1.map((m) => m.text)).toEqual(["before", "after"]);
    expect(state().rejected).toEqual({ conversationId: "c1", text: "doomed", reason: "Conversation not found" });
    expect(state().pending).toEqual([]);
    expect(await storage.outbox()).toEqual([]);
  });

  it("holds back the messages after one that failed for a reason a retry can fix, and sends them in order after it", async () => {
    harness().server.script.set("message:send", ["ok", "error"]);
    const storage = memoryStore();
    const { engine, transport, state } = harness().device(storage);
    await settle();
    for (const text of ["first", "second", "third"]) await engine.send("c1", text);
    transport.setOnline(true);
    await settle();
    expect(state().messages.c1.map((m) => m.text)).toEqual(["first"]);
    expect(state().pending.map((p) => [p.text, p.attempts])).toEqual([
      ["second", 1],
      ["third", 0],
    ]);
    expect((await storage.outbox()).map((i) => i.text)).toEqual(["second", "third"]);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(texts()).toEqual(["first", "second", "third", "second", "third"]);
    expect(state().messages.c1.map((m) => m.text)).toEqual(["first", "second", "third"]);
    expect(state().pending).toEqual([]);
  });

  it("batches the text before and after a file, which uploads in its turn", async () => {
    const { engine, transport, state } = harness().device();
    await settle();
    await engine.send("c1", "look");
    await engine.send("c1", "at this");
    await engine.sendAttachment("c1", { type: "image", file: new Blob(["x"]), fileName: "a.jpg" });
    await engine.send("c1", "nice, right?");
    transport.setOnline(true);
    await settle();
    expect(batches().map((b) => b.messages.length)).toEqual([2]);
    harness().uploads[0].finish("file-1");
    await settle();
    expect(batches().map((b) => b.messages.length)).toEqual([2, 2]);
    expect(state().messages.c1.map((m) => [m.type, m.text])).toEqual([
      ["text", "look"],
      ["text", "at this"],
      ["image", ""],
      ["text", "nice, right?"],
    ]);
  });
});

describe("a file in an encrypted chat", () => {
  const key = { chunks: [{ size: 6, k: "k".repeat(43), iv: "i".repeat(22), sha256: "h".repeat(43) }] };

  /** A stand-in device: every member has keys; it "encrypts" a message as its JSON and any file as "cipher". */
  function sealingDevice(files: Blob[]) {
    return {
      ...fakeDevice(),
      membersReady: async () => true,
      encrypt: async (_conversationId: string, _members: string[], _type: string, content: object) => ({
        algorithm: "m.megolm.v1.aes-sha2",
        ciphertext: JSON.stringify(content),
        session_id: "S".repeat(43),
      }),
      encryptFile: async (clear: Blob) => {
        files.push(clear);
        return { ciphertext: new Blob(["cipher"]), key };
      },
    };
  }

  it("is encrypted once, before its upload: a retried upload sends the same ciphertext, and the key goes inside the message", async () => {
    const files: Blob[] = [];
    const device = sealingDevice(files);
    const { engine, transport } = harness().device(memoryStore(), {
      e2eeByDefault: true,
      loadCrypto: async () => ({ client: device as unknown as CryptoClient, contacts: { all: async () => ({}), put: async () => {} } }),
    });
    await settle();
    const clear = new Blob(["meeting notes"], { type: "text/plain" });
    await engine.sendAttachment("c1", { type: "document", file: clear, fileName: "notes.txt" });
    transport.setOnline(true);
    await settle();
    const [first] = harness().uploads;
    expect(await first.item.upload?.sealed?.ciphertext.text()).toBe("cipher");
    expect(first.item.upload?.blob).toBe(clear);
    first.fail(new Error("The connection dropped"));
    await vi.advanceTimersByTimeAsync(1_000);
    const second = harness().uploads[1];
    expect(second.item.upload?.sealed?.ciphertext).toBe(first.item.upload?.sealed?.ciphertext);
    expect(files).toEqual([clear]);

    second.finish("file-9");
    await settle();
    const [sent] = harness().sent();
    expect(sent).toMatchObject({ type: "encrypted", text: "", fileId: "file-9" });
    expect(JSON.parse((sent.encrypted as { ciphertext: string }).ciphertext)).toMatchObject({
      type: "document",
      file: { key, name: "notes.txt", mime: "text/plain", size: 13 },
    });
  });
});

describe("an outbox stored by the previous version", () => {
  it("is sent after the upgrade, in order, as the same messages", async () => {
    // fake-indexeddb answers on real timers.
    vi.useRealTimers();
    // Written as the version before the batch send stored items: same database version, same fields.
    const db = await oldClientDb(ME, 2);
    await db.put("outbox", { id: "stored-text-1", conversationId: "c1", text: "from before", createdAt: 1, attempts: 2 });
    await db.put("outbox", {
      id: "stored-place-2",
      conversationId: "c1",
      type: "location",
      text: "",
      location: { latitude: 1.5, longitude: 2.5, accuracy: null, name: "Home" },
      createdAt: 2,
      attempts: 0,
    });
    await db.put("outbox", { id: "stored-reply-3", to: "bob", text: "a reply", replyTo: 1, createdAt: 3, attempts: 0 });
    db.close();

    const storage = await openClientStore(ME);
    const { transport, state } = harness().device(storage);
    await vi.waitFor(() => expect(state().pending.map((p) => p.id)).toEqual(["stored-text-1", "stored-place-2", "stored-reply-3"]));
    transport.setOnline(true);
    await vi.waitFor(() => expect(state().pending).toEqual([]));
    expect(harness().sent()).toEqual([
      { id: "stored-text-1", conversationId: "c1", text: "from before" },
      {
        id: "stored-place-2",
        conversationId: "c1",
        type: "location",
        text: "",
        location: { latitude: 1.5, longitude: 2.5, accuracy: null, name: "Home" },
      },
      { id: "stored-reply-3", to: "bob", text: "a reply", replyTo: 1 },
    ]);
    expect(state().messages.c1.map((m) => [m.clientId, m.type])).toEqual([
      ["stored-text-1", "text"],
      ["stored-place-2", "location"],
      ["stored-reply-3", "text"],
    ]);
    expect(await storage.outbox()).toEqual([]);
  });
});
