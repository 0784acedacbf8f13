import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { SEALED_MESSAGE } from "@/lib/contracts/sealed";
import type { CryptoClient } from "@/lib/crypto/crypto-client";
import type { SealedValue } from "./e2ee/device-vault";
import { LocalSearch } from "./e2ee/local-search";
import { memoryStore } from "./outbox";
import { settle, setUpEngineHarness } from "./test-support/engine-harness";
import { fakeDevice, message, sealed } from "./test-support/fake-crypto";

const harness = setUpEngineHarness();

/** Bob's device: the room key has arrived, and it knows what `CT1` says. */
function bobsDevice(clientId: string) {
  const device = fakeDevice();
  device.arrive("S".repeat(43));
  device.plain("CT1", SEALED_MESSAGE, { id: clientId, type: "text", text: "The cake is in the oven" });
  return {
    loadCrypto: async () => ({ client: device as unknown as CryptoClient, contacts: { all: async () => ({}), put: async () => {} } }),
  };
}

/** A vault kept in memory (sealing is local-search.test.ts's). */
function memoryVault(): SealedValue {
  let bytes: Uint8Array<ArrayBuffer> | null = null;
  return {
    load: async () => bytes,
    save: async (clear) => {
      bytes = clear;
    },
  };
}

describe("searching encrypted chats", () => {
  it("finds what this device decrypted beside the server's results, and alone without a network", async () => {
    const { server } = harness();
    server.post("c1", "bob", "The oven is hot");
    const sealedOne = Object.assign(server.post("c1", "bob", ""), { type: "encrypted", encrypted: sealed("CT1") });
    const { engine, transport } = harness().device(memoryStore(), bobsDevice(sealedOne.clientId));
    transport.setOnline(true);
    await settle();
    await engine.crypto();
    await settle();

    expect((await engine.search({ q: "oven" })).messages.map((m) => m.text)).toEqual(["The cake is in the oven", "The oven is hot"]);
    harness().serverDown = true;
    expect((await engine.search({ q: "cake" })).messages.map((m) => m.text)).toEqual(["The cake is in the oven"]);
    await expect(engine.search({ q: "hot" })).rejects.toThrow("Can't reach the server");
    // Deleted for me (or gone): no longer found.
    engine.store.removeMessages("c1", [2]);
    await expect(engine.search({ q: "cake" })).rejects.toThrow();
  });

  it("asks its first sync for what changed in indexed chats since the index was saved", async () => {
    const vault = memoryVault();
    const saved = new LocalSearch({ storage: async () => vault, marks: () => ({ c1: 5, c2: 9 }) });
    saved.take({ ...message(1, sealed("CT1")), type: "text", text: "The cake is in the oven", e2ee: "open" } as ChatMessage);
    saved.allowSaving();
    await saved.flush();

    const storage = memoryStore();
    await storage.advanceCursor("c1", 1);
    harness().server.post("c1", "bob", "Hi");
    const { transport } = harness().device(storage, { searchStorage: async () => vault });
    transport.setOnline(true);
    await settle();
    expect(harness().requests("sync:request")[0]).toMatchObject({ changes: { c1: 5 } });
  });
});
