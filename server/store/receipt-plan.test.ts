// The rules of receipts, without a database: examples, then properties over random batches of reports.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReceiptState, Watermarks } from "../../lib/contracts/messaging";
import type { ReceiptInput } from "./message-types";
import { memberKey, planReceipts, type ReporterRow, receiptResults } from "./receipt-plan";

const NOW = new Date("2026-01-02T03:04:05.000Z");
const row = (
  conversationId: string,
  userId: string,
  deliveredSeq: number,
  readSeq: number,
  over: Partial<ReporterRow> = {},
): ReporterRow => ({
  receipt: { conversationId, userId, deliveredSeq, readSeq, deliveredAt: null, readAt: null },
  lastSeq: 10,
  left: false,
  request: false,
  blocked: false,
  ...over,
});
const rowsOf = (...rows: ReporterRow[]) => new Map(rows.map((r) => [memberKey(r.receipt), r]));
const report = (conversationId: string, userId: string, kind: "delivered" | "read", seq: number): ReceiptInput => ({
  conversationId,
  userId,
  kind,
  seq,
});
const marks = (r: ReceiptState) => [r.deliveredSeq, r.readSeq];

describe("planning receipts", () => {
  it("moves watermarks forward only, up to the last message, and read implies delivered", () => {
    const plan = planReceipts(
      [report("c", "ana", "delivered", 4), report("c", "ana", "delivered", 2), report("c", "ben", "read", 99)],
      rowsOf(row("c", "ana", 3, 1), row("c", "ben", 0, 0)),
      NOW,
    );
    expect(plan.results.map((r) => [...marks(r.receipt), r.changed])).toEqual([
      [4, 1, true],
      [4, 1, false],
      [10, 10, true],
    ]);
    expect(plan.moved.map(marks)).toEqual([
      [4, 1],
      [10, 10],
    ]);
    expect(plan.moved[1]).toMatchObject({ deliveredAt: NOW.toISOString(), readAt: NOW.toISOString() });
  });

  it("withholds the receipts of members who left, have a pending request or are in a blocked direct chat", () => {
    const plan = planReceipts(
      [report("c", "ana", "read", 5), report("c", "ben", "read", 5), report("c", "carl", "read", 5)],
      rowsOf(row("c", "ana", 0, 0, { left: true }), row("c", "ben", 0, 0, { request: true }), row("c", "carl", 0, 0, { blocked: true })),
      NOW,
    );
    expect(plan.moved).toEqual([]);
    expect(plan.results.map((r) => [...marks(r.receipt), r.changed])).toEqual([
      [0, 0, false],
      [0, 0, false],
      [0, 0, false],
    ]);
  });

  it("says only on the last report that moved a conversation whether its ticks moved", () => {
    const inputs = [report("c", "ana", "read", 3), report("c", "ben", "read", 3), report("d", "ana", "read", 1)];
    const plan = planReceipts(inputs, rowsOf(row("c", "ana", 0, 0), row("c", "ben", 0, 0), row("d", "ana", 1, 1)), NOW);
    const before = new Map([
      ["c", { deliveredSeq: 0, readSeq: 0 }],
      ["d", { deliveredSeq: 1, readSeq: 1 }],
    ]);
    const results = receiptResults(inputs, plan, before, new Map([["c", { deliveredSeq: 3, readSeq: 3 }]]));
    expect(results.map((r) => [r.ticks, r.ticksMoved])).toEqual([
      [{ deliveredSeq: 3, readSeq: 3 }, false],
      [{ deliveredSeq: 3, readSeq: 3 }, true],
      [{ deliveredSeq: 1, readSeq: 1 }, false],
    ]);
  });

  it("refuses a report from someone who was never a member", () => {
    expect(() => planReceipts([report("c", "eve", "read", 1)], new Map(), NOW)).toThrow("eve is not a member of c");
  });
});

const USERS = ["u0", "u1", "u2"];
const CONVERSATIONS = ["c0", "c1"];

const rowArb = (conversationId: string, userId: string) =>
  fc
    .record({ lastSeq: fc.nat(8), read: fc.nat(8), extra: fc.nat(8), left: fc.boolean(), request: fc.boolean(), blocked: fc.boolean() })
    .map(({ lastSeq, read, extra, ...withheld }) => {
      const readSeq = Math.min(read, lastSeq);
      return row(conversationId, userId, Math.min(readSeq + extra, lastSeq), readSeq, {
        lastSeq,
        left: withheld.left && extra % 3 === 0,
        request: withheld.request && extra % 3 === 1,
        blocked: withheld.blocked && read % 4 === 0,
      });
    });

const batchArb = fc.tuple(...CONVERSATIONS.flatMap((c) => USERS.map((u) => rowArb(c, u)))).chain((rows) =>
  fc.record({
    rows: fc.constant(rowsOf(...rows)),
    inputs: fc.array(
      fc.record({
        conversationId: fc.constantFrom(...CONVERSATIONS),
        userId: fc.constantFrom(...USERS),
        kind: fc.constantFrom("delivered" as const, "read" as const),
        seq: fc.nat(10),
      }),
      { maxLength: 20 },
    ),
  }),
);

describe("planning receipts, properties", () => {
  it("never passes the last message, never moves back, keeps read within delivered and never moves a withheld member", () => {
    fc.assert(
      fc.property(batchArb, ({ rows, inputs }) => {
        const plan = planReceipts(inputs, rows, NOW);
        for (const [i, { receipt }] of plan.results.entries()) {
          const held = rows.get(memberKey(inputs[i])) as ReporterRow;
          expect(receipt.deliveredSeq).toBeGreaterThanOrEqual(held.receipt.deliveredSeq);
          expect(receipt.readSeq).toBeGreaterThanOrEqual(held.receipt.readSeq);
          expect(receipt.readSeq).toBeLessThanOrEqual(receipt.deliveredSeq);
          if (receipt !== held.receipt) expect(receipt.deliveredSeq).toBeLessThanOrEqual(held.lastSeq);
          if (held.left || held.request || held.blocked) expect(receipt).toBe(held.receipt);
          // Every report of a member ends with the same, final watermarks.
          expect(receipt).toEqual(plan.results[inputs.findLastIndex((x) => memberKey(x) === memberKey(inputs[i]))].receipt);
        }
      }),
    );
  });

  it("marks exactly one report changed per member that moved, and one ticksMoved per conversation", () => {
    fc.assert(
      fc.property(batchArb, fc.nat(3), ({ rows, inputs }, lift) => {
        const plan = planReceipts(inputs, rows, NOW);
        const changed = inputs.filter((_, i) => plan.results[i].changed).map(memberKey);
        expect(changed.sort()).toEqual(plan.moved.map(memberKey).sort());
        const before = new Map<string, Watermarks>(CONVERSATIONS.map((c) => [c, { deliveredSeq: 0, readSeq: 0 }]));
        const after = new Map(plan.moved.map((r) => [r.conversationId, { deliveredSeq: lift, readSeq: 0 }]));
        const results = receiptResults(inputs, plan, before, after);
        for (const c of CONVERSATIONS) {
          const moved = results.filter((r, i) => r.ticksMoved && inputs[i].conversationId === c).length;
          expect(moved).toBe(after.has(c) && lift > 0 ? 1 : 0);
        }
      }),
    );
  });
});
