import { describe, expect, it } from "vitest";
import { SEALED_MESSAGE, SEALED_REACTION } from "@/lib/contracts/sealed";
import { fakeDevice, message, sealed } from "../test-support/fake-crypto";
import { e2eeOf, MessageOpener } from "./message-opener";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("MessageOpener", () => {
  it("shows Waiting until the room key arrives, then the message as its sender wrote it", async () => {
    let changes = 0;
    const opener = new MessageOpener(() => changes++);
    const device = fakeDevice();
    device.plain("AAAA", SEALED_MESSAGE, { id: "c1", type: "text", text: "hello", forwards: 2 });
    const m = message(1, sealed("AAAA"));
    expect(e2eeOf(opener.open(m))).toBe("waiting");
    opener.use(device);
    await settle();
    expect(e2eeOf(opener.open(m))).toBe("waiting");
    device.arrive("S".repeat(43));
    await settle();
    expect(changes).toBe(1);
    expect(opener.open(m)).toMatchObject({ type: "text", text: "hello", forwards: 2, e2ee: "open", encrypted: m.encrypted });
  });

  it("opens a message whose room key arrives while its decryption is under way", async () => {
    const opener = new MessageOpener(() => {});
    const device = fakeDevice();
    device.plain("AAAA", SEALED_MESSAGE, { id: "c1", type: "text", text: "just in time" });
    const m = message(1, sealed("AAAA"));
    opener.open(m);
    // The first attempt is under way (no key yet) when the key arrives.
    opener.use(device);
    device.arrive("S".repeat(43));
    await settle();
    expect(opener.open(m)).toMatchObject({ text: "just in time", e2ee: "open" });
  });

  it("never shows tampered or replayed ciphertext, content of another kind, or content that fails its schema as text", async () => {
    const opener = new MessageOpener(() => {});
    const device = fakeDevice();
    device.arrive("S".repeat(43));
    device.plain("REACT", SEALED_REACTION, { emoji: "👍", to: "c2" });
    device.plain("HTML", SEALED_MESSAGE, { id: "c3", type: "script", text: "<b>" });
    device.plain("OLD", SEALED_MESSAGE, { id: "c1", type: "text", text: "pay Ben 10" });
    opener.use(device);
    // The last: message 1's ciphertext stored again by the server as message 4 (a replay).
    const cases = [message(1, sealed("TAMPERED")), message(2, sealed("REACT")), message(3, sealed("HTML")), message(4, sealed("OLD"))];
    for (const m of cases) opener.open(m);
    await settle();
    for (const m of cases) expect(opener.open(m)).toMatchObject({ type: "encrypted", text: "", e2ee: "failed" });
  });

  it("groups decrypted reactions by emoji, leaving out those not decrypted yet or made for another message", async () => {
    const opener = new MessageOpener(() => {});
    const device = fakeDevice();
    device.arrive("S".repeat(43));
    device.plain("MSG", SEALED_MESSAGE, { id: "c1", type: "text", text: "Passed!" });
    device.plain("R1", SEALED_REACTION, { emoji: "🎉", to: "c1" });
    device.plain("R2", SEALED_REACTION, { emoji: "🎉", to: "c1" });
    device.plain("MOVED", SEALED_REACTION, { emoji: "👎", to: "c9" });
    opener.use(device);
    const m = message(1, sealed("MSG"), {
      sealedReactions: [
        { userId: "ana", encrypted: sealed("R1") },
        { userId: "cy", encrypted: sealed("R2") },
        { userId: "dee", encrypted: sealed("R3", "T".repeat(43)) },
        // Eve's reaction to another message, moved here by the server: left out.
        { userId: "eve", encrypted: sealed("MOVED") },
      ],
    });
    // As the store does: open, and open again each time the opener says more was decrypted.
    opener.open(m);
    await settle();
    opener.open(m);
    await settle();
    expect(opener.open(m).reactions).toEqual([{ emoji: "🎉", userIds: ["ana", "cy"] }]);
  });

  it("lets a live message wait for its decryption: until it is open, or its key is late, or at once without a device", async () => {
    const opener = new MessageOpener(() => {});
    const m = message(1, sealed("LIVE"));
    expect(opener.settle([m], 5_000)).toBeNull();
    const started = Date.now();

    const device = fakeDevice();
    device.plain("LIVE", SEALED_MESSAGE, { id: "c1", type: "text", text: "@ben bring the rope" });
    opener.use(device);
    // The room key arrives while the message waits: it shows as what it says as soon as it is decrypted.
    setTimeout(() => device.arrive("S".repeat(43)), 30);
    await opener.settle([m], 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(opener.open(m)).toMatchObject({ text: "@ben bring the rope", e2ee: "open" });

    // A key that doesn't come: the message shows waiting once the time is up.
    const late = message(2, sealed("LATE", "T".repeat(43)));
    const before = Date.now();
    await opener.settle([late], 50);
    expect(Date.now() - before).toBeGreaterThanOrEqual(45);
    expect(e2eeOf(opener.open(late))).toBe("waiting");
  });
});
