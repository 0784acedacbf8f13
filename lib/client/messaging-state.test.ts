import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChatMessage, ConversationSummary, ReceiptState } from "@/lib/contracts/messaging";
import { contiguousCursor, highestFromOthers, mergeMessages, mergeReceipt, mergeSummary, mergeUsers } from "./messaging-state";
import { receiptAt } from "./test-support/engine-harness";

const msg = (seq: number): ChatMessage => ({
  id: `m${seq}`,
  clientId: `c${seq}`,
  conversationId: "c1",
  seq,
  senderId: seq % 3 === 0 ? "me" : "bob",
  kind: "text",
  text: `#${seq}`,
  createdAt: new Date(seq * 1000).toISOString(),
});

/** Deliveries of seqs 1..n in any order, with repeats, split into batches (pushes, sync pages, history pages). */
const deliveries = fc
  .array(fc.integer({ min: 1, max: 60 }), { maxLength: 200 })
  .chain((seqs) => fc.tuple(fc.constant(seqs), fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 40 })));

function batches([seqs, sizes]: [number[], number[]]): ChatMessage[][] {
  const out: ChatMessage[][] = [];
  for (let i = 0, k = 0; i < seqs.length; i += sizes[k++ % sizes.length]) out.push(seqs.slice(i, i + sizes[k % sizes.length]).map(msg));
  return out;
}

describe("mergeMessages", () => {
  it("ends with every delivered message once, in seq order, whatever the order and repeats", () => {
    fc.assert(
      fc.property(deliveries, (d) => {
        const list = batches(d).reduce(mergeMessages, [] as ChatMessage[]);
        expect(list.map((m) => m.seq)).toEqual([...new Set(d[0])].sort((a, b) => a - b));
      }),
    );
  });

  it("returns the same list when nothing is new", () => {
    const list = mergeMessages([], [msg(1), msg(2)]);
    expect(mergeMessages(list, [msg(2), { ...msg(1), seq: 9 }])).toBe(list);
  });
});

describe("contiguousCursor", () => {
  it("is the highest seq reachable from the cursor without a gap", () => {
    fc.assert(
      fc.property(deliveries, fc.integer({ min: 0, max: 60 }), (d, cursor) => {
        const list = batches(d).reduce(mergeMessages, [] as ChatMessage[]);
        const held = new Set(list.map((m) => m.seq));
        let expected = cursor;
        while (held.has(expected + 1)) expected++;
        expect(contiguousCursor(cursor, list)).toBe(expected);
      }),
    );
  });
});

describe("highestFromOthers", () => {
  it("ignores my own messages and those above the limit", () => {
    const list = [1, 2, 3, 4, 5, 6].map(msg);
    expect(highestFromOthers(list, "me")).toBe(5);
    expect(highestFromOthers(list, "me", 4)).toBe(4);
    expect(highestFromOthers(list, "me", 3)).toBe(2);
    expect(highestFromOthers([msg(3)], "me")).toBe(0);
  });
});

describe("mergeReceipt", () => {
  it("only moves each watermark forward, whatever order the updates arrive in", () => {
    const update = fc.record({ deliveredSeq: fc.nat(50), readSeq: fc.nat(50) });
    fc.assert(
      fc.property(fc.array(update, { minLength: 1, maxLength: 30 }), (updates) => {
        let receipts: ReceiptState[] = [];
        let previous = { deliveredSeq: 0, readSeq: 0 };
        for (const u of updates) {
          receipts = mergeReceipt(receipts, { conversationId: "c1", userId: "bob", deliveredAt: null, readAt: null, ...u });
          const now = receipts[0];
          expect(now.deliveredSeq).toBeGreaterThanOrEqual(previous.deliveredSeq);
          expect(now.readSeq).toBeGreaterThanOrEqual(previous.readSeq);
          previous = now;
        }
        expect(receipts).toHaveLength(1);
        expect(previous.readSeq).toBe(Math.max(...updates.map((u) => u.readSeq)));
      }),
    );
  });
});

describe("mergeSummary", () => {
  const receipt = (userId: string, seq: number) => receiptAt("g1", userId, seq);
  const summary = (lastSeq: number, receipts: ReceiptState[]): ConversationSummary => ({
    id: "g1",
    kind: "group",
    peer: null,
    group: null,
    lastSeq,
    lastMessage: null,
    unreadCount: 0,
    unreadMentions: 0,
    receipts,
    createdAt: "",
    lastMessageAt: null,
  });

  it("keeps the newer watermarks of the members the server still lists, and drops the others", () => {
    const held = summary(5, [receipt("me", 5), receipt("ana", 4), receipt("ben", 2)]);
    const merged = mergeSummary(held, summary(5, [receipt("me", 5), receipt("ana", 3), receipt("cy", 5)]));
    expect(merged.receipts.map((r) => [r.userId, r.readSeq])).toEqual([
      ["me", 5],
      ["ana", 4],
      ["cy", 5],
    ]);
  });
});

describe("mergeUsers", () => {
  const ana = { id: "a", username: "ana", displayName: "Ana", about: "", avatarUrl: null };

  it("returns the same directory when nothing changed", () => {
    const users = mergeUsers({}, [ana]);
    expect(mergeUsers(users, [{ ...ana }])).toBe(users);
    expect(mergeUsers(users, [{ ...ana, displayName: "Ana L" }]).a.displayName).toBe("Ana L");
  });
});
