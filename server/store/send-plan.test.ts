// The rules of sending, without a database: examples of each rule, then properties over random batches.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChatMessage, Watermarks } from "../../lib/contracts/messaging";
import { AppError } from "../errors";
import type { AppendInput, AppendResult } from "./message-types";
import { lowest, type MemberRow, planSends, type SendReads, type SendTarget, sendKey } from "./send-plan";

const AT = new Date("2026-01-02T03:04:05.000Z");
const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};
const member = (userId: string, over: Partial<MemberRow> = {}): MemberRow => ({
  userId,
  role: "member",
  joinedSeq: 0,
  deliveredSeq: 0,
  readSeq: 0,
  request: false,
  accepted: true,
  readReceipts: null,
  ...over,
});
const target = (kind: "direct" | "group", members: MemberRow[], over: Partial<SendTarget> = {}): SendTarget => ({
  kind,
  onlyAdminsSend: false,
  lastSeq: 0,
  disappearAfter: null,
  encrypted: false,
  members,
  ...over,
});
const reads = (targets: Record<string, SendTarget>, over: Partial<SendReads> = {}): SendReads => ({
  stored: new Map(),
  targets: new Map(Object.entries(targets)),
  quoted: new Map(),
  blocks: new Set(),
  formerMembers: new Set(),
  ...over,
});
const send = (conversationId: string, senderId: string, clientId: string, over: Partial<AppendInput> = {}): AppendInput => ({
  conversationId,
  senderId,
  clientId,
  text: clientId,
  ...over,
});
const message = (conversationId: string, seq: number, senderId: string, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `stored-${seq}`,
  clientId: `stored-${seq}`,
  conversationId,
  seq,
  senderId,
  type: "text",
  text: `m${seq}`,
  createdAt: "2026-01-01T00:00:00.000Z",
  ...over,
});
const ok = (r: AppendResult | AppError | undefined): AppendResult => {
  if (!r || r instanceof AppError) throw new Error(`refused: ${r?.message}`);
  return r;
};
const refusedWith = (r: AppendResult | AppError | undefined) => (r instanceof AppError ? r.message : null);

describe("planning sends", () => {
  it("numbers messages after the last seq and moves the sender's watermarks to their message", () => {
    const chat = target("group", [member("ana", { deliveredSeq: 2, readSeq: 1 }), member("ben", { deliveredSeq: 3, readSeq: 3 })], {
      lastSeq: 3,
    });
    const plan = planSends([send("g", "ana", "a1"), send("g", "ben", "b1")], reads({ g: chat }), AT, ids());
    expect(plan.messages.map((m) => [m.seq, m.senderId, m.createdAt])).toEqual([
      [4, "ana", AT.toISOString()],
      [5, "ben", AT.toISOString()],
    ]);
    expect(plan.lastSeqs).toEqual([["g", 5]]);
    expect(plan.watermarks).toEqual([
      ["g", "ana", 4, 4],
      ["g", "ben", 5, 5],
    ]);
    // Ana's message read by herself lifts the floor to Ben's 3; Ben's then lifts it to Ana's 4.
    expect(ok(plan.results[0]).ticksMoved).toEqual({ deliveredSeq: 3, readSeq: 3 });
    expect(ok(plan.results[1]).ticksMoved).toEqual({ deliveredSeq: 4, readSeq: 4 });
  });

  it("refuses strangers, former members, blocked contacts, non-admins of admins-only groups and unavailable replies", () => {
    const direct = target("direct", [member("ana"), member("ben")], { lastSeq: 2 });
    const group = target("group", [member("ana", { role: "admin" }), member("ben", { joinedSeq: 2 })], {
      onlyAdminsSend: true,
      lastSeq: 3,
    });
    const open = target("group", [member("ana"), member("ben", { joinedSeq: 2 })], { lastSeq: 3 });
    const plan = planSends(
      [
        send("d", "carl", "c1"),
        send("g", "dora", "d1"),
        send("d", "ana", "a1"),
        send("g", "ben", "b1"),
        send("o", "ben", "b2", { replyTo: 2 }),
        send("o", "ben", "b3", { replyTo: 3 }),
        send("o", "ben", "b4", { replyTo: 9 }),
        send("nowhere", "ana", "a2"),
      ],
      reads(
        { d: direct, g: group, o: open },
        {
          blocks: new Set(["ana ben"]),
          formerMembers: new Set(["g dora"]),
          quoted: new Map([
            ["o 2", message("o", 2, "ana")],
            ["o 3", message("o", 3, "ana", { type: "system" })],
          ]),
        },
      ),
      AT,
      ids(),
    );
    expect(plan.results.map(refusedWith)).toEqual([
      "Conversation not found",
      "You're no longer a member of this group",
      "You blocked this contact: unblock them to send a message",
      "Only admins can send messages to this group",
      "The message you're replying to isn't available",
      "The message you're replying to isn't available",
      "The message you're replying to isn't available",
      "Conversation not found",
    ]);
    expect(plan.messages).toEqual([]);
    expect(plan.lastSeqs).toEqual([]);
  });

  it("lets system messages skip the sender checks", () => {
    const group = target("group", [member("ana")], { onlyAdminsSend: true, lastSeq: 1 });
    const plan = planSends([send("g", "ben", "s1", { type: "system" })], reads({ g: group }), AT, ids());
    expect(ok(plan.results[0]).message.seq).toBe(2);
    expect(plan.watermarks).toEqual([]);
  });

  it("stores a send to someone who blocked the sender, hidden from them and not sent to them", () => {
    const direct = target("direct", [member("ana"), member("ben")]);
    const plan = planSends([send("d", "ana", "a1")], reads({ d: direct }, { blocks: new Set(["ben ana"]) }), AT, ids());
    expect(ok(plan.results[0]).memberIds).toEqual(["ana"]);
    expect(plan.hidden).toEqual([["ben", "d", 1]]);
  });

  it("counts a send in a direct chat as consent, once, and says when it went into a request", () => {
    const direct = target("direct", [member("ana", { accepted: false, request: true }), member("ben", { accepted: true })]);
    const plan = planSends([send("d", "ana", "a1"), send("d", "ana", "a2"), send("d", "ben", "b1")], reads({ d: direct }), AT, ids());
    expect(plan.consents).toEqual([["d", "ana"]]);
    expect(plan.results.map((r) => [ok(r).consented, ok(r).request])).toEqual([
      [true, false],
      [undefined, false],
      [undefined, false],
    ]);
    const toStranger = target("direct", [member("ana"), member("ben", { accepted: false, request: true })]);
    expect(ok(planSends([send("d", "ana", "a1")], reads({ d: toStranger }), AT, ids()).results[0]).request).toBe(true);
  });

  it("returns a retry's stored original, and the first one's result for a send repeated in the batch", () => {
    const group = target("group", [member("ana"), member("ben")], { lastSeq: 4 });
    const original = message("g", 4, "ana", { clientId: "a0" });
    const plan = planSends(
      [send("g", "ana", "a0"), send("g", "ana", "a1"), send("g", "ana", "a1")],
      reads({ g: group }, { stored: new Map([[sendKey(original), original]]) }),
      AT,
      ids(),
    );
    expect(plan.results.map((r) => [ok(r).message.seq, ok(r).duplicate])).toEqual([
      [4, true],
      [5, false],
      [5, true],
    ]);
    expect(ok(plan.results[0]).memberIds).toEqual(["ana", "ben"]);
    expect(ok(plan.results[2]).ticksMoved).toBeUndefined();
    expect(plan.messages).toHaveLength(1);
  });

  it("sets the expiry of disappearing messages, quotes replies and records mentions in groups only", () => {
    const group = target("group", [member("ana"), member("ben")], { lastSeq: 1, disappearAfter: 60 });
    const direct = target("direct", [member("ana"), member("ben")]);
    const plan = planSends(
      [send("g", "ana", "a1", { replyTo: 1, mentions: ["ben", "ben"] }), send("d", "ana", "a2", { mentions: ["ben"] })],
      reads({ g: group, d: direct }, { quoted: new Map([["g 1", message("g", 1, "ben")]]) }),
      AT,
      ids(),
    );
    const [reply] = plan.messages;
    expect(reply.expiresAt).toBe("2026-01-02T03:05:05.000Z");
    expect(reply.replyTo).toEqual({ seq: 1, senderId: "ben", type: "text", text: "m1" });
    expect(plan.mentions).toEqual([["g", 2, "ana", "ben"]]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties over random batches: conversations with random members, watermarks and blocks, and sends
// from members, former members and strangers, with retries, repeats, replies and system messages.

const USERS = ["u0", "u1", "u2", "u3"];
const CONVERSATIONS = ["c0", "c1", "c2", "c3"]; // c3 doesn't exist

const memberArb = (userId: string, lastSeq: number) =>
  fc
    .record({
      role: fc.constantFrom("admin", "member"),
      joinedSeq: fc.nat(lastSeq),
      readSeq: fc.nat(lastSeq),
      extra: fc.nat(lastSeq),
      request: fc.boolean(),
      accepted: fc.boolean(),
      readReceipts: fc.constantFrom(true, false, null),
    })
    .map(({ extra, ...m }): MemberRow => ({ userId, ...m, deliveredSeq: Math.min(lastSeq, m.readSeq + extra) }));

const targetArb = fc.nat(6).chain((lastSeq) =>
  fc
    .record({
      kind: fc.constantFrom("direct", "group"),
      onlyAdminsSend: fc.boolean(),
      disappearAfter: fc.constantFrom(null, 30),
      encrypted: fc.constant(false),
      users: fc.subarray(USERS, { minLength: 1 }),
    })
    .chain(({ users, kind, ...rest }) => {
      const members = kind === "direct" ? users.slice(0, 2) : users;
      return fc.tuple(...members.map((u) => memberArb(u, lastSeq))).map((rows): SendTarget => ({ ...rest, kind, lastSeq, members: rows }));
    }),
);

const inputArb = fc.record(
  {
    conversationId: fc.constantFrom(...CONVERSATIONS),
    senderId: fc.constantFrom(...USERS),
    clientId: fc.constantFrom("k0", "k1", "k2", "k3", "k4", "k5"),
    text: fc.constant("hi"),
    type: fc.constantFrom("text" as const, "text" as const, "text" as const, "system" as const),
    replyTo: fc.nat(6),
    mentions: fc.subarray(USERS),
  },
  { requiredKeys: ["conversationId", "senderId", "clientId", "text"] },
);

const batchArb = fc
  .record({
    targets: fc.tuple(targetArb, targetArb, targetArb),
    blocks: fc.subarray(USERS.flatMap((a) => USERS.filter((b) => b !== a).map((b) => `${a} ${b}`))),
    former: fc.subarray(CONVERSATIONS.flatMap((c) => USERS.map((u) => `${c} ${u}`))),
    storedKeys: fc.subarray(["u0 k0", "u1 k1", "u2 k0"]),
    inputs: fc.array(inputArb, { maxLength: 25 }),
  })
  .map(({ targets, blocks, former, storedKeys, inputs }) => {
    const targetMap = new Map(targets.map((t, i) => [`c${i}`, t]));
    const quoted = new Map(
      targets.flatMap((t, i) =>
        Array.from({ length: t.lastSeq }, (_, k) => [
          `c${i} ${k + 1}`,
          message(`c${i}`, k + 1, USERS[k % 4], { type: k === 2 ? "system" : "text" }),
        ]),
      ),
    );
    const stored = new Map(
      storedKeys.map((key, k) => {
        const [senderId, clientId] = key.split(" ");
        return [key, message(`c${k % 3}`, 1, senderId, { id: `stored-${key}`, clientId })];
      }),
    );
    return { inputs, reads: { stored, targets: targetMap, quoted, blocks: new Set(blocks), formerMembers: new Set(former) } as SendReads };
  });

/** A fresh copy of the reads (planSends changes the targets as the sends change them). */
const copy = (r: SendReads): SendReads => ({
  ...r,
  targets: new Map([...r.targets].map(([id, t]) => [id, { ...t, members: t.members.map((m) => ({ ...m })) }])),
});
const accepted = (results: (AppendResult | AppError)[]) =>
  results.flatMap((r, i) => (r instanceof AppError || r.duplicate ? [] : [{ i, result: r }]));
const geq = (a: Watermarks, b: Watermarks) => a.deliveredSeq >= b.deliveredSeq && a.readSeq >= b.readSeq;

describe("planning sends, properties", () => {
  it("gives each conversation's accepted sends the next seqs, gap-free and in order, and refused ones none", () => {
    fc.assert(
      fc.property(batchArb, ({ inputs, reads }) => {
        const plan = planSends(inputs, copy(reads), AT, ids());
        const sent = accepted(plan.results);
        expect(sent.map(({ result }) => result.message)).toEqual(plan.messages);
        for (const [id, t] of reads.targets) {
          const seqs = plan.messages.filter((m) => m.conversationId === id).map((m) => m.seq);
          expect(seqs).toEqual(seqs.map((_, k) => t.lastSeq + k + 1));
          expect(plan.lastSeqs.find(([c]) => c === id)?.[1]).toBe(seqs.length ? t.lastSeq + seqs.length : undefined);
        }
        // Refused sends don't disturb their neighbours: without them, the same messages.
        const kept = inputs.filter((_, i) => !(plan.results[i] instanceof AppError));
        expect(planSends(kept, copy(reads), AT, ids()).messages).toEqual(plan.messages);
      }),
    );
  });

  it("answers a retry with its original and a repeat in the batch with the first one's result", () => {
    fc.assert(
      fc.property(batchArb, ({ inputs, reads }) => {
        const plan = planSends(inputs, copy(reads), AT, ids());
        const firstOf = new Map<string, AppendResult | AppError>();
        for (const [i, input] of inputs.entries()) {
          const result = plan.results[i];
          const stored = reads.stored.get(sendKey(input));
          const first = firstOf.get(sendKey(input));
          if (stored) expect(ok(result)).toMatchObject({ message: stored, duplicate: true });
          else if (first)
            expect(result instanceof AppError ? result : result.message).toBe(first instanceof AppError ? first : first.message);
          else firstOf.set(sendKey(input), result);
        }
      }),
    );
  });

  it("never sends to someone who blocked the sender, and hides the message from them", () => {
    fc.assert(
      fc.property(batchArb, ({ inputs, reads }) => {
        const plan = planSends(inputs, copy(reads), AT, ids());
        for (const { result } of accepted(plan.results)) {
          const { conversationId, senderId, seq } = result.message;
          const t = reads.targets.get(conversationId) as SendTarget;
          // (A system message may come from a non-member: its group operation decides who gets it.)
          if (!t.members.some((m) => m.userId === senderId)) continue;
          for (const m of t.members.filter((m) => m.userId !== senderId)) {
            const blocker = t.kind === "direct" && reads.blocks.has(`${m.userId} ${senderId}`);
            expect(result.memberIds.includes(m.userId)).toBe(!blocker);
            expect(plan.hidden.some(([u, c, q]) => u === m.userId && c === conversationId && q === seq)).toBe(blocker);
          }
        }
      }),
    );
  });

  it("leaves each sender's watermarks at their last message, and never moves ticks back", () => {
    fc.assert(
      fc.property(batchArb, ({ inputs, reads }) => {
        const plan = planSends(inputs, copy(reads), AT, ids());
        const sent = accepted(plan.results).map(({ result }) => result.message);
        for (const [c, u, d, r] of plan.watermarks) {
          const last = sent.filter((m) => m.conversationId === c && m.senderId === u).at(-1) as ChatMessage;
          expect(r).toBe(last.seq);
          expect(d).toBeGreaterThanOrEqual(r);
        }
        const ticks = new Map([...reads.targets].map(([id, t]) => [id, lowest(t.members)]));
        for (const { result } of accepted(plan.results)) {
          if (!result.ticksMoved) continue;
          const before = ticks.get(result.message.conversationId) as Watermarks;
          expect(geq(result.ticksMoved, before)).toBe(true);
          ticks.set(result.message.conversationId, result.ticksMoved);
        }
      }),
    );
  });
});
