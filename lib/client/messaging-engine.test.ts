import { describe, expect, it, vi } from "vitest";
import { memoryStore } from "./outbox";
import { ME, settle, setUpEngineHarness } from "./test-support/engine-harness";

const harness = setUpEngineHarness();
const sends = () => harness().sent();

describe("sending", () => {
  it("sends in order, one request at a time, and replaces each pending item with the stored message", async () => {
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    await Promise.all(["one", "two", "three"].map((t) => engine.send("c1", t)));
    expect(state().pending.map((p) => p.text)).toEqual(["one", "two", "three"]);
    await settle();
    expect(sends().map((s) => s.text)).toEqual(["one", "two", "three"]);
    expect(transport.maxInFlight).toBe(1);
    expect(state().pending).toEqual([]);
    expect(state().messages.c1.map((m) => [m.seq, m.text])).toEqual([
      [1, "one"],
      [2, "two"],
      [3, "three"],
    ]);
    expect(state().conversations.c1.lastMessage?.text).toBe("three");
  });

  it("sends a link's preview with the text that has its link, and drops it when the link was edited out", async () => {
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    const linkPreview = { url: "https://example.com/a", title: "A page", description: "", siteName: null, image: null };
    await engine.send("c1", "see https://example.com/a", undefined, linkPreview);
    await engine.send("c1", "see https://example.com/b", undefined, linkPreview);
    await settle();
    expect(sends().map((s) => s.linkPreview)).toEqual([linkPreview, undefined]);
    expect(state().messages.c1.map((m) => m.linkPreview)).toEqual([linkPreview, undefined]);
  });

  it("keeps messages composed offline pending across a reload and sends them in order on reconnect", async () => {
    const storage = memoryStore();
    const first = harness().device(storage);
    await settle();
    await first.engine.send("c1", "first");
    await first.engine.send("c1", "  second  ");
    await first.engine.send("c1", "   ");
    expect(first.state().pending.map((p) => p.text)).toEqual(["first", "second"]);
    first.stop();

    const reloaded = harness().device(storage);
    await settle();
    expect(reloaded.state().pending.map((p) => p.text)).toEqual(["first", "second"]);
    expect(sends()).toEqual([]);
    reloaded.transport.setOnline(true);
    await settle();
    expect(sends().map((s) => s.text)).toEqual(["first", "second"]);
    expect(await storage.outbox()).toEqual([]);
    expect(reloaded.state().messages.c1.map((m) => m.text)).toEqual(["first", "second"]);
  });

  it("retries an error or a timeout with the same id, holding back the later messages", async () => {
    harness().server.script.set("message:send", ["error", "drop"]);
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    await engine.send("c1", "hello");
    await engine.send("c1", "after");
    await settle();
    expect(sends().map((s) => s.text)).toEqual(["hello"]);
    expect(state().pending[0].attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000); // retry: this one is never answered
    await vi.advanceTimersByTimeAsync(10_000); // ack timeout
    expect(state().pending.map((p) => [p.text, p.attempts])).toEqual([
      ["hello", 2],
      ["after", 0],
    ]);
    await vi.advanceTimersByTimeAsync(2_000);
    // The retries carry the later message in the same batch, behind it; the unanswered batch stored nothing.
    expect(sends().map((s) => s.text)).toEqual(["hello", "hello", "after", "hello", "after"]);
    expect(new Set(sends().map((s) => `${s.text} ${s.id}`)).size).toBe(2);
    expect(state().messages.c1.map((m) => m.text)).toEqual(["hello", "after"]);
    expect(state().pending).toEqual([]);
  });

  it("takes a message the server refuses for good out of the queue, says so, and sends the rest", async () => {
    harness().server.script.set("message:send", ["refuse"]);
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    await engine.send("c1", "doomed");
    await engine.send("c1", "fine");
    await settle();
    expect(sends().map((s) => s.text)).toEqual(["doomed", "fine"]);
    expect(state().pending).toEqual([]);
    expect(state().rejected).toEqual({ conversationId: "c1", text: "doomed", reason: "Conversation not found" });
    expect(state().messages.c1.map((m) => m.text)).toEqual(["fine"]);
  });

  it("refuses text over the limit instead of cutting it", async () => {
    const { engine } = harness().device();
    await expect(engine.send("c1", "x".repeat(4097))).rejects.toThrow("at most 4096");
  });
});

describe("receiving", () => {
  it("pages sync:request from the stored cursors until nothing has more, then reports delivery", async () => {
    for (let i = 0; i < 450; i++) harness().server.post("c1", "bob", `m${i + 1}`);
    const storage = memoryStore();
    await storage.advanceCursor("c1", 10);
    const { transport, state } = harness().device(storage);
    transport.setOnline(true);
    await settle();
    const syncs = harness()
      .requests("sync:request")
      .map((p) => (p as { cursors: object }).cursors);
    expect(syncs).toEqual([{ c1: 10 }, { c1: 210 }, { c1: 410 }]);
    expect(await storage.cursors()).toEqual({ c1: 450 });
    expect(state().messages.c1).toHaveLength(440);
    expect(harness().requests("message:delivered").at(-1)).toEqual({ conversationId: "c1", seq: 450 });
  });

  it("stores a message once whether it comes by push, sync or ack, and settles pending items from another tab", async () => {
    const tabA = harness().device();
    const tabB = harness().device(tabA.storage);
    tabA.transport.setOnline(true);
    await settle();
    const m = harness().server.post("c1", "bob", "hi");
    tabA.transport.push("message:created", m);
    tabA.transport.push("message:created", m);
    await tabA.engine.send("c1", "from A");
    await settle();
    const mine = tabA.state().messages.c1[1];
    tabB.transport.push("message:created", m);
    tabB.transport.push("message:created", mine);
    tabB.transport.setOnline(true);
    await settle();
    for (const tab of [tabA, tabB]) {
      expect(tab.state().messages.c1.map((x) => x.text)).toEqual(["hi", "from A"]);
      expect(tab.state().pending).toEqual([]);
    }
  });

  it("syncs when a push leaves a gap, and keeps the cursor on contiguous seqs", async () => {
    const storage = memoryStore();
    const { transport, state } = harness().device(storage);
    transport.setOnline(true);
    await settle();
    transport.push("message:created", harness().server.post("c1", "bob", "one"));
    harness().server.post("c1", "bob", "two (missed)");
    const syncsBefore = harness().requests("sync:request").length;
    transport.push("message:created", harness().server.post("c1", "bob", "three"));
    await settle();
    expect(harness().requests("sync:request").length).toBe(syncsBefore + 1);
    expect(state().messages.c1.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(await storage.cursors()).toEqual({ c1: 3 });
  });

  it("syncs within a few seconds when the server says live updates may have been missed", async () => {
    const { transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    harness().server.post("c1", "bob", "lost with Redis");
    const syncsBefore = harness().requests("sync:request").length;
    transport.push("sync:needed");
    await vi.advanceTimersByTimeAsync(3_000);
    await settle();
    expect(harness().requests("sync:request").length).toBe(syncsBefore + 1);
    expect(state().messages.c1.map((m) => m.text)).toEqual(["lost with Redis"]);
  });

  it("fetches a conversation it doesn't know when a message arrives in it", async () => {
    const { transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    harness().server.addConversation("c9", "carol", ME);
    transport.push("message:created", harness().server.post("c9", "carol", "new chat"));
    await settle();
    expect(state().conversations.c9?.peer?.id).toBe("carol");
    expect(state().conversations.c9.unreadCount).toBe(1);
  });
});
