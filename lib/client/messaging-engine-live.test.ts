import { describe, expect, it, vi } from "vitest";
import { messageStatus } from "@/lib/contracts/messaging";
import { ME, settle, setUpEngineHarness } from "./test-support/engine-harness";

const harness = setUpEngineHarness();

describe("receipts, typing and presence", () => {
  it("reads the open conversation only while the tab is seen, and redoes it when it is", async () => {
    harness().attentive = false;
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    engine.open("c1");
    transport.push("message:created", harness().server.post("c1", "bob", "are you there?"));
    await settle();
    const reads = () => harness().requests("conversation:read");
    expect(reads()).toEqual([]);
    expect(state().conversations.c1.unreadCount).toBe(1);
    harness().setAttentive(true);
    await settle();
    expect(reads()).toEqual([{ conversationId: "c1", seq: 1 }]);
    expect(state().conversations.c1.unreadCount).toBe(0);
  });

  it("never moves a tick backwards", async () => {
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    await engine.send("c1", "tick");
    await settle();
    const status = () => messageStatus(1, ME, state().conversations.c1.receipts);
    expect(status()).toBe("Sent");
    const base = { conversationId: "c1", userId: "bob", deliveredAt: "x", readAt: "x" };
    transport.push("receipt:updated", { ...base, deliveredSeq: 1, readSeq: 1 });
    expect(status()).toBe("Read");
    transport.push("receipt:updated", { ...base, deliveredSeq: 1, readSeq: 0 });
    transport.push("receipt:updated", { ...base, deliveredSeq: 0, readSeq: 0 });
    expect(status()).toBe("Read");
  });

  it("throttles typing:start to every 3 s and shows others typing for 5 s or until their message", async () => {
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    for (let i = 0; i < 5; i++) {
      engine.notifyTyping("c1");
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(transport.fired.filter((f) => f.event === "typing:start")).toHaveLength(2);
    transport.push("typing:updated", { conversationId: "c1", userId: "bob", typing: true });
    expect(state().typing.c1).toEqual(["bob"]);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(state().typing.c1).toEqual(["bob"]);
    await vi.advanceTimersByTimeAsync(200);
    expect(state().typing.c1).toBeUndefined();
    transport.push("typing:updated", { conversationId: "c1", userId: "bob", typing: true });
    transport.push("message:created", harness().server.post("c1", "bob", "done typing"));
    expect(state().typing.c1).toBeUndefined();
  });

  it("subscribes to the peers' presence and pings every 25 s while visible", async () => {
    const { transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    expect(harness().requests("presence:subscribe")[0]).toEqual({ userIds: ["bob"] });
    expect(state().presence.bob?.online).toBe(true);
    const pings = () => transport.fired.filter((f) => f.event === "presence:ping").length;
    const atConnect = pings();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(pings()).toBe(atConnect + 1);
    harness().attentive = false;
    await vi.advanceTimersByTimeAsync(25_000);
    expect(pings()).toBe(atConnect + 1);
  });
});
