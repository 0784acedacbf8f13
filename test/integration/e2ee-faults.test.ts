// Faults around end-to-end encryption, with the crypto library's real devices over the real server: a
// browser killed while it shares a room key (its crypto store kept in IndexedDB, as in the browser: here
// fake-indexeddb), and a member removed while a message to the group is on its way.
import "fake-indexeddb/auto";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ChatMessage, ConversationSummary } from "../../lib/contracts/messaging";
import { SEALED_MESSAGE } from "../../lib/contracts/sealed";
import { CryptoClient, type CryptoTransport } from "../../lib/crypto/crypto-client";
import { request, type TestUser } from "../helpers/client";
import { memoryCursors, newDevice, readSealed, startDevice, tokenTransport, wasm } from "../helpers/crypto-device";
import { testDatabases } from "../helpers/databases";
import { ask, collect, drained, openToGroups } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

describe("end-to-end encryption faults", () => {
  const t = useTestServer(testDatabases[0]);

  async function group(owner: TestUser, ...others: TestUser[]): Promise<ConversationSummary> {
    await openToGroups(t.base, ...others);
    const res = await request(t.base, "POST", "/api/v1/groups", {
      token: owner.token,
      json: { name: "Faults", participants: others.map((o) => o.userId) },
    });
    expect(res.status).toBe(201);
    return res.body as ConversationSummary;
  }

  /** Sends already encrypted content as `user` (the app's send, after sealing). */
  async function sendCiphertext(user: TestUser, conversationId: string, encrypted: object): Promise<ChatMessage> {
    const ack = await ask<{ message: ChatMessage }>(await t.connectAs(user), "message:send", {
      id: randomUUID(),
      conversationId,
      type: "encrypted",
      encrypted,
    });
    if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack.error)}`);
    return ack.data.message;
  }

  it.each([
    ["before the server took the room key", false],
    ["after the server took the room key, before its answer arrived", true],
  ])("shares the room key again after the browser was killed %s: every member device reads the message", async (_when, delivered) => {
    const [ana, ben, cy] = await t.people("Ana", "Ben", "Cy");
    const g = await group(ana, ben, cy);
    const benPhone = await newDevice(t.base, ben);
    const readers = await Promise.all([startDevice(t.base, ben), startDevice(t.base, benPhone), startDevice(t.base, cy)]);
    const store = { storeName: `ana-${randomUUID()}`, passphrase: "kept by the device vault", cursors: memoryCursors() };

    // The tab dies as it sends the share's first to-device payload (the Olm sessions are open by then):
    // before it reaches the server, or after the server stored it but before the answer arrives.
    const live = tokenTransport(t.base, ana.token);
    let killed = false;
    const dying: CryptoTransport = async (method, path, body) => {
      if (killed) throw new Error("the tab is gone");
      if (!path.startsWith("/api/v1/to-device/")) return live(method, path, body);
      killed = true;
      if (delivered) await live(method, path, body);
      throw new Error("the tab is gone");
    };
    const first = await CryptoClient.start(wasm, dying, store);
    const members = [ana, ben, cy].map((u) => u.userId);
    await expect(first.encrypt(g.id, members, SEALED_MESSAGE, { id: "m1", type: "text", text: "before the crash" })).rejects.toThrow(
      "the tab is gone",
    );
    first.close();

    // The page loads again: the same device from its store; the outbox item is sealed again and sent.
    const again = await CryptoClient.start(wasm, live, store);
    const sent = await sendCiphertext(
      ana,
      g.id,
      await again.encrypt(g.id, members, SEALED_MESSAGE, { id: "m1", type: "text", text: "after the crash" }),
    );
    for (const reader of readers) {
      await reader.sync();
      expect(await readSealed(reader, sent)).toBe("after the crash");
    }
  });

  it("never gives a message in flight to a member removed before it arrived, and seals what follows with a new key", async () => {
    const [ana, ben, cy] = await t.people("Ana", "Ben", "Cy");
    const g = await group(ana, ben, cy);
    const [a, b, c] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben), startDevice(t.base, cy)]);
    const cySocket = await t.connectAs(cy);
    const cyGot = collect<ChatMessage>(cySocket, "message:created");

    // Ana's app sealed the message for the members it knew of (Cy too), then Cy was removed before it was sent.
    const inFlight = await a.encrypt(
      g.id,
      [ana, ben, cy].map((u) => u.userId),
      SEALED_MESSAGE,
      {
        id: "m1",
        type: "text",
        text: "plans for Cy's surprise",
      },
    );
    expect((await request(t.base, "DELETE", `/api/v1/groups/${g.id}/members/${cy.userId}`, { token: ana.token })).status).toBe(200);
    const sent = await sendCiphertext(ana, g.id, inFlight);
    await b.sync();
    expect(await readSealed(b, sent)).toBe("plans for Cy's surprise");

    // The server gives it to no one outside the group: no push, not in Cy's history or sync.
    const history = await request(t.base, "GET", `/api/v1/conversations/${g.id}/messages`, { token: cy.token });
    expect(history.status).toBe(200);
    expect((history.body.messages as ChatMessage[]).map((m) => m.id)).not.toContain(sent.id);
    const sync = await ask<{ conversations: { messages: ChatMessage[] }[] }>(cySocket, "sync:request", { cursors: { [g.id]: 0 } });
    expect(sync.ok && sync.data.conversations.flatMap((x) => x.messages).map((m) => m.id)).not.toContain(sent.id);

    // What Ana's app seals next, for the members there are now, is under a new key Cy never gets.
    const next = await sendCiphertext(
      ana,
      g.id,
      await a.encrypt(
        g.id,
        [ana, ben].map((u) => u.userId),
        SEALED_MESSAGE,
        { id: "m2", type: "text", text: "cake at six" },
      ),
    );
    expect((next.encrypted as { session_id: string }).session_id).not.toBe((sent.encrypted as { session_id: string }).session_id);
    await b.sync();
    expect(await readSealed(b, next)).toBe("cake at six");
    await c.sync();
    await expect(readSealed(c, next)).rejects.toMatchObject({ waiting: true });
    await drained(cySocket);
    expect(cyGot.map((m) => m.id)).not.toContain(sent.id);
    expect(cyGot.map((m) => m.id)).not.toContain(next.id);
  });
});
