import { describe, expect, it, vi } from "vitest";
import { messageStatus } from "@/lib/contracts/messaging";
import { ME, settle, setUpEngineHarness } from "./test-support/engine-harness";
import { usernameOf } from "./test-support/fake-server";

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
    const status = () => messageStatus(1, state().conversations.c1);
    expect(status()).toBe("sent");
    const ticks = (deliveredSeq: number, readSeq: number) => ({ conversationId: "c1", ticks: { deliveredSeq, readSeq } });
    transport.push("receipt:updated", ticks(1, 1));
    expect(status()).toBe("read");
    transport.push("receipt:updated", ticks(1, 0));
    transport.push("receipt:updated", ticks(0, 0));
    expect(status()).toBe("read");
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

describe("mentions", () => {
  it("counts and announces a live mention in a chat that isn't on screen, and opening that chat clears both", async () => {
    harness().server.addConversation("g1", ME, "ana", "group");
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    engine.open("c1");
    const mention = harness().server.post("g1", "ana", `@${usernameOf(ME)} are you in?`);
    transport.push("message:created", mention);
    transport.push("message:created", harness().server.post("g1", "ana", "plain follow-up"));
    await settle();
    expect(state().conversations.g1).toMatchObject({ unreadCount: 2, unreadMentions: 1 });
    expect(state().mention).toEqual({ conversationId: "g1", message: mention });

    engine.open("g1");
    expect(state().mention).toBeNull();
    await settle();
    expect(state().conversations.g1).toMatchObject({ unreadCount: 0, unreadMentions: 0 });
  });

  it("neither counts nor announces a mention in the chat on screen, and only counts one that arrives by sync", async () => {
    harness().server.addConversation("g1", ME, "ana", "group");
    const { engine, transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    engine.open("g1");
    transport.push("message:created", harness().server.post("g1", "ana", `@${usernameOf(ME)} here?`));
    expect(state().conversations.g1).toMatchObject({ unreadCount: 1, unreadMentions: 0 });
    expect(state().mention).toBeNull();

    engine.open(null);
    transport.setOnline(false);
    harness().server.post("g1", "ana", `@${usernameOf(ME)} still there?`);
    transport.setOnline(true);
    await settle();
    expect(state().conversations.g1.unreadMentions).toBe(1);
    expect(state().mention).toBeNull();
  });
});
