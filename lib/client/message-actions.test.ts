import { describe, expect, it, vi } from "vitest";
import { starKey } from "./messaging-state";
import { settle, setUpEngineHarness } from "./test-support/engine-harness";

const harness = setUpEngineHarness();

describe("changes to sent messages", () => {
  it("replaces held copies with pushed changes, and syncs when a change was missed", async () => {
    const { transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    const m = harness().server.post("c1", "bob", "see you at 5");
    transport.push("message:created", m);
    await settle();
    const syncs = () => harness().requests("sync:request").length;
    const before = syncs();

    transport.push("message:updated", { ...m, text: "see you at 6", editedAt: m.createdAt, changedSeq: 1 });
    await settle();
    expect(state().messages.c1[0]).toMatchObject({ text: "see you at 6", editedAt: m.createdAt });
    expect(state().conversations.c1.lastMessage?.text).toBe("see you at 6");
    // The device started at change 0 (sync said so): change 1 is the next one, no sync needed.
    expect(syncs()).toBe(before);

    // An older version arriving late never undoes a newer one.
    transport.push("message:updated", { ...m, text: "stale", changedSeq: 1 });
    transport.push("message:updated", { ...m, type: "deleted", text: "", changedSeq: 3 });
    await settle();
    expect(state().messages.c1[0]).toMatchObject({ type: "deleted", text: "" });
    // Change 2 was missed: the device asks.
    expect(syncs()).toBe(before + 1);
  });

  it("applies my stars and deletions for me from other devices, and drops disappearing messages on time", async () => {
    const { transport, state } = harness().device();
    transport.setOnline(true);
    await settle();
    const keep = harness().server.post("c1", "bob", "keep");
    const hide = harness().server.post("c1", "bob", "hide");
    const brief = { ...harness().server.post("c1", "bob", "brief"), expiresAt: new Date(Date.now() + 60_000).toISOString() };
    for (const m of [keep, hide, brief]) transport.push("message:created", m);
    await settle();

    transport.push("message:flagged", { conversationId: "c1", seq: keep.seq, starred: true, hidden: false, flagSeq: 1 });
    transport.push("message:flagged", { conversationId: "c1", seq: hide.seq, starred: false, hidden: true, flagSeq: 2 });
    await settle();
    expect(state().starred[starKey("c1", keep.seq)]).toBe(true);
    expect(state().messages.c1.map((m) => m.text)).toEqual(["keep", "brief"]);

    // Checked every 5 s: gone within 5 s of its time.
    await vi.advanceTimersByTimeAsync(65_000);
    expect(state().messages.c1.map((m) => m.text)).toEqual(["keep"]);
    expect(state().conversations.c1.lastMessage?.text).toBe("keep");

    transport.push("message:removed", { conversationId: "c1", seqs: [keep.seq] });
    expect(state().messages.c1).toEqual([]);
  });
});
