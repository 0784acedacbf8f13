import { describe, expect, it, vi } from "vitest";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { MessagingStore } from "./messaging-store";
import { keepSnapshot, SNAPSHOT_MESSAGES } from "./offline-snapshot";
import { type ChatSnapshot, type ClientStore, memoryStore } from "./outbox";
import { ME, settle, setUpEngineHarness } from "./test-support/engine-harness";
import { groupSummary } from "./test-support/summaries";

const harness = setUpEngineHarness();

/** The memory store, keeping chats like IndexedDB does (the real one is tested in outbox.test.ts). */
function keepingStore(): ClientStore & { saves: ChatSnapshot[][] } {
  const kept = new Map<string, ChatSnapshot>();
  const saves: ChatSnapshot[][] = [];
  return {
    ...memoryStore(),
    saves,
    snapshot: async () => [...kept.values()],
    async saveSnapshot(chats, gone) {
      saves.push(chats);
      for (const c of chats) kept.set(c.summary.id, c);
      for (const id of gone) kept.delete(id);
    },
    clearSnapshot: async () => kept.clear(),
  };
}

const message = (conversationId: string, seq: number): ChatMessage => ({
  id: `m-${conversationId}-${seq}`,
  clientId: `c-${seq}`,
  conversationId,
  seq,
  senderId: "bob",
  type: "text",
  text: `message ${seq}`,
  createdAt: new Date(seq * 1000).toISOString(),
});

describe("offline copy of the chats", () => {
  it("opens with the chats an earlier session kept when the server can't be reached", async () => {
    const h = harness();
    h.server.post("c1", "bob", "see you at eight");
    const storage = keepingStore();
    const first = h.device(storage);
    first.transport.setOnline(true);
    await settle();
    expect(first.state().messages.c1?.map((m) => m.text)).toEqual(["see you at eight"]);
    first.stop();

    h.serverDown = true;
    const second = h.device(storage);
    await settle();
    expect(second.state().status).toBe("error");
    expect(second.state().conversations.c1.lastMessage?.text).toBe("see you at eight");
    expect(second.state().conversations.c1.unreadCount).toBe(first.state().conversations.c1.unreadCount);
    expect(second.state().messages.c1.map((m) => m.text)).toEqual(["see you at eight"]);
  });

  it("shows nothing kept when the server answers", async () => {
    const h = harness();
    const storage = keepingStore();
    await storage.saveSnapshot([{ summary: { ...groupSummary({ id: "old" }) }, messages: [] }], []);
    const device = h.device(storage);
    await settle();
    expect(device.state().status).toBe("ready");
    expect(Object.keys(device.state().conversations)).toEqual(["c1"]);
  });

  it("writes only the chats that changed, a few seconds after, with their latest messages", async () => {
    vi.useFakeTimers();
    const store = new MessagingStore({ id: ME, username: "me_user" });
    const storage = keepingStore();
    const stop = keepSnapshot(store, Promise.resolve(storage));
    store.upsertConversations([groupSummary({ id: "g1" }), groupSummary({ id: "g2" })]);
    store.receive(Array.from({ length: SNAPSHOT_MESSAGES + 10 }, (_, i) => message("g1", i + 1)));
    expect(storage.saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(storage.saves).toHaveLength(1);
    const g1 = storage.saves[0].find((c) => c.summary.id === "g1");
    expect(g1?.messages.map((m) => m.seq)).toEqual(Array.from({ length: SNAPSHOT_MESSAGES }, (_, i) => i + 11));
    expect(g1?.summary.lastMessage?.seq).toBe(SNAPSHOT_MESSAGES + 10);

    store.receive([message("g2", 1)]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(storage.saves[1].map((c) => c.summary.id)).toEqual(["g2"]);

    // Stopping writes what is due at once.
    store.receive([message("g2", 2)]);
    stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.saves[2][0].messages.map((m) => m.seq)).toEqual([1, 2]);
  });
});
