import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChatMessage, ConversationSummary, Watermarks } from "@/lib/contracts/messaging";
import {
  contiguousCursor,
  highestFromOthers,
  mentionsMe,
  mergeMessages,
  mergeSummary,
  mergeUsers,
  mergeWatermarks,
  recountUnread,
  withMessage,
} from "./messaging-state";
import { groupSummary, watermarksAt } from "./test-support/summaries";

const msg = (seq: number): ChatMessage => ({
  id: `m${seq}`,
  clientId: `c${seq}`,
  conversationId: "c1",
  seq,
  senderId: seq % 3 === 0 ? "me" : "bob",
  type: "text",
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

describe("mergeWatermarks", () => {
  it("only moves each watermark forward, whatever order the updates arrive in", () => {
    const update = fc.record({ deliveredSeq: fc.nat(50), readSeq: fc.nat(50) });
    fc.assert(
      fc.property(fc.array(update, { minLength: 1, maxLength: 30 }), (updates) => {
        let held: Watermarks = { deliveredSeq: 0, readSeq: 0 };
        for (const u of updates) {
          const next = mergeWatermarks(held, u);
          expect(next.deliveredSeq).toBeGreaterThanOrEqual(held.deliveredSeq);
          expect(next.readSeq).toBeGreaterThanOrEqual(held.readSeq);
          if (u.deliveredSeq <= held.deliveredSeq && u.readSeq <= held.readSeq) expect(next).toBe(held);
          held = next;
        }
        expect(held.readSeq).toBe(Math.max(...updates.map((u) => u.readSeq)));
      }),
    );
  });
});

describe("mergeSummary", () => {
  const summary = (lastSeq: number, mine: number, ticks: number): ConversationSummary =>
    groupSummary({ group: null, lastSeq, mine: watermarksAt(mine), ticks: watermarksAt(ticks) });

  it("keeps the group info of the summary with the higher seq when two arrive out of order", () => {
    const iconSet = groupSummary({ lastSeq: 3 }, { avatarKey: "k1" });
    const created = groupSummary({ lastSeq: 2 }, { avatarKey: null });
    expect(mergeSummary(iconSet, created).group?.avatarKey).toBe("k1");
    expect(mergeSummary(created, iconSet).group?.avatarKey).toBe("k1");
  });

  it("never lets an older summary move my watermarks or the ticks back", () => {
    const merged = mergeSummary(summary(5, 5, 4), summary(5, 3, 2));
    expect([merged.mine.readSeq, merged.ticks.readSeq]).toEqual([5, 4]);
    expect(mergeSummary(summary(5, 5, 4), summary(6, 6, 6)).ticks).toEqual({ deliveredSeq: 6, readSeq: 6 });
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

describe("unread mentions", () => {
  const me = { id: "me", username: "Me_1" };
  const at = (seq: number, senderId: string, text: string, kind: ChatMessage["type"] = "text"): ChatMessage => ({
    ...msg(seq),
    conversationId: "g1",
    senderId,
    text,
    type: kind,
  });
  const group = groupSummary;

  it("are someone else's group texts that @mention my username", () => {
    expect(mentionsMe(group(), at(1, "ana", "hi @me_1!"), me)).toBe(true);
    expect(mentionsMe(group(), at(1, "me", "note to self @me_1"), me)).toBe(false);
    expect(mentionsMe(group(), at(1, "ana", "Ana changed the group name to “@me_1”", "system"), me)).toBe(false);
    expect(mentionsMe(group(), at(1, "ana", "write to me_1@example.com"), me)).toBe(false);
    expect(mentionsMe(group({ kind: "direct", group: null }), at(1, "ana", "hi @me_1"), me)).toBe(false);
  });

  it("are cleared, with every unread message, when I send one", () => {
    const one = withMessage(group(), at(1, "ana", "@me_1 look"), me);
    expect(withMessage(one, at(2, "me", "on it"), me)).toMatchObject({ unreadCount: 0, unreadMentions: 0, mine: { readSeq: 2 } });
  });

  it("count a new mention unless the chat is on screen, once per message", () => {
    const one = withMessage(group(), at(1, "ana", "@me_1 look"), me);
    expect(one).toMatchObject({ unreadCount: 1, unreadMentions: 1 });
    expect(withMessage(one, at(1, "ana", "@me_1 look"), me)).toBe(one);
    expect(withMessage(one, at(2, "ana", "no mention"), me)).toMatchObject({ unreadCount: 2, unreadMentions: 1 });
    expect(withMessage(group(), at(1, "ana", "@me_1 look"), me, true)).toMatchObject({ unreadCount: 1, unreadMentions: 0 });
  });

  it("are recounted from the held messages when my read watermark moves, and the newer summary's count wins", () => {
    const held = [at(1, "ana", "@me_1 one"), at(2, "ana", "two"), at(3, "ana", "@ME_1 three")];
    const before = held.reduce((s, m) => withMessage(s, m, me), group());
    expect(before).toMatchObject({ unreadCount: 3, unreadMentions: 2 });
    const readTwo = { ...before, mine: { deliveredSeq: 2, readSeq: 2 } };
    expect(recountUnread(readTwo, held, me)).toMatchObject({ unreadCount: 1, unreadMentions: 1 });
    // Without every message above the watermark held, the counts can't be known: they stay.
    expect(recountUnread(readTwo, held.slice(2), me)).toMatchObject({ unreadCount: 1, unreadMentions: 1 });
    expect(recountUnread({ ...readTwo, mine: { deliveredSeq: 3, readSeq: 3 } }, [], me)).toMatchObject({
      unreadCount: 0,
      unreadMentions: 0,
    });
    expect(mergeSummary(before, group({ lastSeq: 2, unreadMentions: 0 })).unreadMentions).toBe(2);
    expect(mergeSummary(before, group({ lastSeq: 3, unreadMentions: 0 })).unreadMentions).toBe(0);
  });
});
