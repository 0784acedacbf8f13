// message:send-batch against the real server: many sends in one round trip, stored in order, each answered
// on its own (idempotent retries, refusals that don't stop the rest), and counted by every limit.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ChatMessage, SendMessage, SendResult } from "../../lib/contracts/messaging";
import type { TestSocket, TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { ask, collect, openDirect, until } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const texts = (conversationId: string, ...words: string[]): SendMessage[] =>
  words.map((text) => ({ id: randomUUID(), conversationId, text }));

async function sendBatch(socket: TestSocket, messages: unknown[]): Promise<SendResult[]> {
  const ack = await ask<SendResult[]>(socket, "message:send-batch", { messages });
  if (!ack.ok) throw new Error(`batch refused: ${JSON.stringify(ack.error)}`);
  return ack.data;
}
const stored = (r: SendResult) => (r.ok ? [r.data.message.seq, r.data.message.text, r.data.duplicate] : r.error.code);

describe.each(testDatabases)("message:send-batch on $name", (database) => {
  const t = useTestServer(database);
  const pair = async (): Promise<[TestUser, TestUser, string]> => {
    const [ana, ben] = await t.people("Ana", "Ben");
    return [ana, ben, (await openDirect(t.base, ana, ben)).id];
  };

  it("stores a hundred messages in order with one round trip, and the other person gets them in order", async () => {
    const [ana, ben, chat] = await pair();
    const [a, b] = [await t.connectAs(ana), await t.connectAs(ben)];
    const arrived = collect<ChatMessage>(b, "message:created");
    const words = Array.from({ length: 100 }, (_, i) => `batched ${i + 1}`);
    const results = await sendBatch(a, texts(chat, ...words));
    expect(results.map(stored)).toEqual(words.map((w, i) => [i + 1, w, false]));
    await until(() => arrived.length === 100);
    expect(arrived.map((m) => m.text)).toEqual(words);
    const history = await t.db.all<{ text: string }>(`SELECT "text" FROM "Message" WHERE "conversationId" = ? ORDER BY "seq"`, [chat]);
    expect(history.map((m) => m.text)).toEqual(words);
  });

  it("answers a resent message with the stored original, telling nobody again", async () => {
    const [ana, ben, chat] = await pair();
    const [a, b] = [await t.connectAs(ana), await t.connectAs(ben)];
    const arrived = collect<ChatMessage>(b, "message:created");
    const [one, two] = texts(chat, "one", "two");
    const first = await sendBatch(a, [one, two]);
    // A retry after a lost ack: the same ids again, with a new message in between.
    const again = await sendBatch(a, [one, ...texts(chat, "three"), two]);
    expect(again.map(stored)).toEqual([
      [1, "one", true],
      [3, "three", false],
      [2, "two", true],
    ]);
    expect(again[0].ok && first[0].ok && again[0].data.message.id).toBe(first[0].ok && first[0].data.message.id);
    await until(() => arrived.length === 3);
    expect(arrived.map((m) => m.text)).toEqual(["one", "two", "three"]);
  });

  it("refuses a bad message alone: the ones after it are stored, in order", async () => {
    const [ana, , chat] = await pair();
    const [, , strangers] = await pair();
    const a = await t.connectAs(ana);
    const results = await sendBatch(a, [
      ...texts(chat, "before"),
      { id: randomUUID(), conversationId: chat, text: "   " },
      { id: "not an id!", conversationId: chat, text: "malformed" },
      { id: randomUUID(), conversationId: strangers, text: "not my chat" },
      ...texts(chat, "after"),
    ]);
    expect(results.map((r) => (r.ok ? r.data.message.text : r.error.code))).toEqual([
      "before",
      "bad_request",
      "bad_request",
      expect.stringMatching(/^(not_found|forbidden)$/),
      "after",
    ]);
    expect(results.map((r) => r.ok && r.data.message.seq)).toEqual([1, false, false, false, 2]);
    expect(results[2]).toMatchObject({ ok: false, error: { field: "id" } });
  });

  it("refuses an empty or oversized batch as a whole", async () => {
    const [ana, , chat] = await pair();
    const a = await t.connectAs(ana);
    expect(await ask(a, "message:send-batch", { messages: [] })).toMatchObject({ ok: false, error: { code: "bad_request" } });
    const tooMany = texts(chat, ...Array.from({ length: 101 }, (_, i) => `m${i}`));
    expect(await ask(a, "message:send-batch", { messages: tooMany })).toMatchObject({
      ok: false,
      error: { code: "bad_request", message: "A batch can carry at most 100 messages" },
    });
    expect(await t.db.all(`SELECT 1 AS "x" FROM "Message" WHERE "conversationId" = ?`, [chat])).toEqual([]);
  });

  it("keeps the socket's order between single sends and batches sent without waiting", async () => {
    const [ana, , chat] = await pair();
    const a = await t.connectAs(ana);
    const [single, batch, last] = await Promise.all([
      ask(a, "message:send", texts(chat, "single")[0]),
      ask<SendResult[]>(a, "message:send-batch", { messages: texts(chat, "batch 1", "batch 2") }),
      ask(a, "message:send", texts(chat, "last")[0]),
    ]);
    expect([single, last].map((r) => r.ok && r.data.message.seq)).toEqual([1, 4]);
    expect(batch.ok && batch.data.map((r) => r.ok && r.data.message.seq)).toEqual([2, 3]);
  });
});

describe.each(testDatabases)("message:send-batch limits on $name", (database) => {
  const t = useTestServer(database, { LIMIT_SENDS_PER_MINUTE: "5", LIMIT_SOCKET_EVENTS_PER_10S: "30" });

  it("counts each message against the send limit; past it the rest wait, unsent, and so does the next send", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = (await openDirect(t.base, ana, ben)).id;
    const a = await t.connectAs(ana);
    const results = await sendBatch(a, texts(chat, "1", "2", "3", "4", "5", "6", "7", "8"));
    expect(results.map((r) => (r.ok ? r.data.message.seq : r.error.code))).toEqual([
      1,
      2,
      3,
      4,
      5,
      "rate_limited",
      "rate_limited",
      "rate_limited",
    ]);
    expect(results[5]).toEqual({
      ok: false,
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/sending messages too fast/),
        key: "errors.limits.sends",
        values: expect.any(Object),
        retryAfter: expect.any(Number),
      },
    });
    expect(await ask(a, "message:send", texts(chat, "9")[0])).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await t.db.all(`SELECT 1 AS "x" FROM "Message" WHERE "conversationId" = ?`, [chat])).toHaveLength(5);
  });

  it("counts a batch against the socket event budget as one event per message", async () => {
    const [cara, dee] = await t.people("Cara", "Dee");
    const chat = (await openDirect(t.base, cara, dee)).id;
    const c = await t.connectAs(cara);
    await sendBatch(c, texts(chat, ...Array.from({ length: 20 }, (_, i) => `m${i}`)));
    // 20 of the 30 events are spent: ten more pass, the eleventh is refused.
    const acks = [];
    for (let i = 0; i < 11; i++) acks.push(await ask(c, "sync:request", {}));
    expect(acks.map((a) => a.ok)).toEqual([...Array(10).fill(true), false]);
    expect(acks[10]).toMatchObject({ ok: false, error: { code: "rate_limited", message: expect.stringMatching(/Too many requests/) } });
  });
});
