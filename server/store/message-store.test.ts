// The message store against a real database: group commit, idempotent appends, forward-only watermarks.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases";
import { type Published, useServiceContext } from "../../test/helpers/service-context";
import type { AppContext } from "../context";
import { acceptRequest, directConversationId } from "../services/open-direct-conversation";
import { registerUser } from "../services/register-user";
import { sendMessages } from "../services/send-message";
import type { Driver } from "./driver";
import { GroupCommit } from "./group-commit";
import { MessageStore } from "./message-store";

describe("group commit", () => {
  it("writes operations that arrive together in one batch, in order", async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>(async (ops) => {
      batches.push(ops);
      return ops.map((n) => n * 10);
    });
    expect(await Promise.all([1, 2, 3].map((n) => gc.submit(n)))).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("fails only the bad operation of a batch", async () => {
    const gc = new GroupCommit<number, number>(async (ops) => {
      if (ops.includes(2)) throw new Error("constraint");
      return ops;
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => gc.submit(n)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});

describe.each(testDatabases)("message store on $name", (database) => {
  let context: AppContext;
  let published: Published;
  let close: () => Promise<void>;
  let conversationId: string;
  let ana: string;
  let ben: string;

  beforeEach(async () => {
    ({ context, published, close } = await useServiceContext(database.url()));
    const name = () => `u${randomUUID().slice(0, 8)}`;
    ana = (await registerUser(context, { username: name(), displayName: "Ana", password: "correct horse battery" }, "ip")).userId;
    ben = (await registerUser(context, { username: name(), displayName: "Ben", password: "correct horse battery" }, "ip")).userId;
    conversationId = await directConversationId(context, ana, ben);
    // Contacts, not a message request (which withholds Ben's receipts).
    await acceptRequest(context, ben, conversationId);
  });
  afterEach(async () => close());

  /** What the store reads for a member's summary of the chat, with the chat's ticks. */
  const summaryOf = async (userId: string) => {
    const { mine, unread, memberCount, otherId } = (await context.store.summaryRows(userId, [conversationId])).get(conversationId) ?? {};
    return { mine, unread, memberCount, otherId, ticks: (await context.store.ticksOf([conversationId])).get(conversationId) };
  };

  it("numbers concurrent messages 1..n without gaps and stores a retried id once", async () => {
    const sends = Array.from({ length: 20 }, (_, i) =>
      context.store.append({ conversationId, senderId: i % 2 ? ana : ben, clientId: `client-${i}-x`, text: `m${i}` }),
    );
    const results = await Promise.all(sends);
    // Submitted together, so written in one batch: seqs in the order the sends arrived.
    expect(results.map((r) => r.message.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const retry = await context.store.append({ conversationId, senderId: ben, clientId: "client-0-x", text: "m0" });
    expect(retry).toMatchObject({ message: results[0].message, duplicate: true });
    expect((await context.store.conversation(conversationId))?.lastSeq).toBe(20);
    expect(published.messageCreated).toEqual([]); // the store never publishes; services do
  });

  it("writes a batch of sends together: a refused send fails alone, and one repeated in the batch is stored once", async () => {
    const carl = (
      await registerUser(
        context,
        { username: `u${randomUUID().slice(0, 8)}`, displayName: "Carl", password: "correct horse battery" },
        "ip",
      )
    ).userId;
    const send = (senderId: string, clientId: string) => context.store.append({ conversationId, senderId, clientId, text: clientId });
    const [first, stranger, twice, last] = await Promise.allSettled([
      send(ana, "one-abcdefgh"),
      send(carl, "carl-abcdefgh"),
      send(ana, "one-abcdefgh"),
      send(ben, "two-abcdefgh"),
    ]);
    expect(stranger).toMatchObject({ status: "rejected", reason: { code: "not_found" } });
    expect(first).toMatchObject({ status: "fulfilled", value: { duplicate: false, message: { seq: 1 }, memberIds: expect.any(Array) } });
    expect(twice).toMatchObject({ status: "fulfilled", value: { duplicate: true, message: { seq: 1 } } });
    expect(last).toMatchObject({ status: "fulfilled", value: { duplicate: false, message: { seq: 2, senderId: ben } } });
    expect((await context.store.messagesAfter(conversationId, 0, 10)).map((m) => m.text)).toEqual(["one-abcdefgh", "two-abcdefgh"]);
  });

  it("moves the sender's own watermarks on send, so replying marks what came before as read", async () => {
    const first = await context.store.append({ conversationId, senderId: ana, clientId: "first-abcdefgh", text: "hi" });
    expect(first.ticksMoved).toBeUndefined(); // Ben still has nothing
    const reply = await context.store.append({ conversationId, senderId: ben, clientId: "reply-abcdefgh", text: "hey" });
    expect(reply.ticksMoved).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(await summaryOf(ben)).toMatchObject({ mine: { deliveredSeq: 2, readSeq: 2 }, unread: { count: 0, mentions: 0 } });
    expect((await summaryOf(ana)).unread).toEqual({ count: 1, mentions: 0 });
  });

  it("applies the receipts of one batch in order and reports the ticks moving once, with the last of them", async () => {
    for (let i = 0; i < 3; i++) await context.store.append({ conversationId, senderId: ana, clientId: `b${i}-abcdefgh`, text: "hi" });
    const up = (kind: "delivered" | "read", seq: number) => context.store.advanceReceipt({ conversationId, userId: ben, kind, seq });
    // Submitted together, so written in one transaction; each result has the ticks as committed.
    const [delivered, again, read] = await Promise.all([up("delivered", 2), up("delivered", 2), up("read", 3)]);
    const ticks = { deliveredSeq: 3, readSeq: 3 };
    // Ben moved twice: only the last move counts as a change (pushed once), and every answer is the final state.
    expect(delivered).toMatchObject({ changed: false, receipt: { deliveredSeq: 3, readSeq: 3 }, ticks, ticksMoved: false });
    expect(again).toMatchObject({ changed: false, ticks, ticksMoved: false });
    expect(read).toMatchObject({ changed: true, receipt: { deliveredSeq: 3, readSeq: 3 }, ticks, ticksMoved: true });
    expect(await summaryOf(ana)).toMatchObject({ ticks });
    await expect(context.store.advanceReceipt({ conversationId, userId: "nobody", kind: "read", seq: 1 })).rejects.toThrow(/not a member/);
  });

  it("moves watermarks forward only, never past the last message, and read lifts delivered", async () => {
    for (let i = 0; i < 3; i++) await context.store.append({ conversationId, senderId: ana, clientId: `c${i}-abcdefgh`, text: "hi" });
    const up = (kind: "delivered" | "read", seq: number) => context.store.advanceReceipt({ conversationId, userId: ben, kind, seq });
    // Ana sent all three, so the ticks follow Ben's watermarks.
    expect(await up("delivered", 2)).toMatchObject({
      changed: true,
      receipt: { deliveredSeq: 2, readSeq: 0 },
      ticks: { deliveredSeq: 2, readSeq: 0 },
      ticksMoved: true,
    });
    expect(await up("delivered", 1)).toMatchObject({ changed: false, receipt: { deliveredSeq: 2 }, ticksMoved: false });
    const read = await up("read", 99);
    expect(read).toMatchObject({ changed: true, receipt: { deliveredSeq: 3, readSeq: 3 }, ticks: { deliveredSeq: 3, readSeq: 3 } });
    expect(read.receipt.readAt).not.toBeNull();
    expect(await summaryOf(ana)).toEqual({
      mine: { deliveredSeq: 3, readSeq: 3 },
      unread: { count: 0, mentions: 0 },
      ticks: { deliveredSeq: 3, readSeq: 3 },
      memberCount: 2,
      otherId: ben,
    });
    expect((await summaryOf(ben)).unread).toEqual({ count: 0, mentions: 0 });
    expect(await context.store.undelivered(ben, 10)).toEqual([]);
  });
  it("stores one sender's batch all or none: a write that fails never lets a later message in before an earlier one", async () => {
    // A database that fails the next two transactions (restarting, say), then comes back.
    let failing = 2;
    const reader = context.store.reader;
    const flaky: Driver = {
      ...reader,
      transaction: (run) => (failing-- > 0 ? Promise.reject(new Error("connection terminated")) : reader.transaction(run)),
    };
    const app = { ...context, store: new MessageStore(flaky) };
    const batch = [1, 2, 3].map((i) => ({ id: `batch-${i}-abcdefgh`, conversationId, text: `m${i}` }));
    // The batch's transaction fails, and so does its retry alone: every message is answered with an
    // error and none is stored (written one by one, the third went in on the third attempt, alone).
    const failed = await sendMessages(app, ana, batch);
    expect(failed.map((r) => r.ok)).toEqual([false, false, false]);
    expect(await context.store.messagesAfter(conversationId, 0, 10)).toEqual([]);
    // The client sends them again, in order: stored in order.
    const sent = await sendMessages(app, ana, batch);
    expect(sent.map((r) => r.ok && r.data.message.text)).toEqual(["m1", "m2", "m3"]);
    expect((await context.store.messagesAfter(conversationId, 0, 10)).map((m) => [m.seq, m.text])).toEqual([
      [1, "m1"],
      [2, "m2"],
      [3, "m3"],
    ]);
  });
});
