import { describe, expect, it } from "vitest";
import type { ChatMessage, ConversationSummary } from "@/lib/contracts/messaging";
import { initialState } from "./messaging-state";
import type { OutboxItem } from "./outbox";
import { chatItems, hasOlder, isMuted, listedConversations, securityChangesIn, sortedConversations, withUnreadDivider } from "./selectors";
import { groupSummary, untouched } from "./test-support/summaries";

const day = (d: number, h = 12) => new Date(2026, 2, d, h).toISOString();
const msg = (seq: number, senderId: string, createdAt: string): ChatMessage => ({
  id: `m${seq}`,
  clientId: `c${seq}`,
  conversationId: "c1",
  seq,
  senderId,
  type: "text",
  text: `#${seq}`,
  createdAt,
});
const pending = (id: string, createdAt: number): OutboxItem => ({ id, conversationId: "c1", text: id, createdAt, attempts: 0 });
const shape = (items: ReturnType<typeof chatItems>) =>
  items.map((i) => {
    if (i.kind === "day") return "day";
    if (i.kind === "encryption") return i.since ? "lock-since" : "lock";
    if (i.kind === "security") return "changed";
    if (i.kind === "unread") return `unread:${i.count}`;
    if (i.kind === "system") return `${i.message.seq}`;
    return `${i.kind === "pending" ? i.item.id : i.message.seq}${i.first ? "*" : ""}`;
  });

describe("chatItems", () => {
  const messages = [msg(5, "bob", day(10)), msg(6, "bob", day(10)), msg(7, "me", day(11)), msg(8, "me", day(11)), msg(9, "bob", day(11))];

  it("puts the unread divider above the first message from someone else I hadn't read, and none when all was read", () => {
    const items = chatItems(messages, [], "me", true);
    expect(shape(withUnreadDivider(items, 5, 2))).toEqual(["day", "5*", "unread:2", "6", "day", "7*", "8", "9*"]);
    // My own messages after what I read don't count: the divider goes above Bob's next one.
    expect(shape(withUnreadDivider(items, 6, 1))).toEqual(["day", "5*", "6", "day", "7*", "8", "unread:1", "9*"]);
    expect(shape(withUnreadDivider(items, 9, 0))).toEqual(shape(items));
    expect(shape(withUnreadDivider(items, 5, 0))).toEqual(shape(items));
  });

  it("separates days, marks the first of each run, and puts pending messages last", () => {
    const items = chatItems(messages, [pending("p1", new Date(2026, 2, 11, 13).getTime())], "me", true);
    expect(shape(items)).toEqual(["day", "5*", "6", "day", "7*", "8", "9*", "p1*"]);
  });

  it("puts no separator above the oldest message while older history is missing", () => {
    expect(shape(chatItems(messages, [], "me", false))).toEqual(["5*", "6", "day", "7*", "8", "9*"]);
  });

  it("centers system messages and starts a new run after them", () => {
    const event = { ...msg(6, "bob", day(10)), type: "system" as const, text: "BOB added ANA" };
    const items = chatItems([msg(5, "bob", day(10)), event, msg(7, "bob", day(10))], [], "me", true);
    expect(items.map((i) => i.kind)).toEqual(["day", "message", "system", "message"]);
    expect(shape(items)).toEqual(["day", "5*", "6", "7*"]);
  });

  it("gives a pending message and its stored copy the same key", () => {
    const [pendingRow] = chatItems([], [{ ...pending("c10", 1), text: "x" }], "me", false);
    const [storedRow] = chatItems([{ ...msg(10, "me", day(11)), clientId: "c10" }], [], "me", false);
    expect(pendingRow.key).toBe(storedRow.key);
  });
  it("starts an encrypted chat with the lock notice, or marks where a plain chat's encryption began", () => {
    const sealed = (seq: number, from: string) => ({
      ...msg(seq, from, day(11)),
      encrypted: { algorithm: "m.megolm.v1.aes-sha2" as const, ciphertext: "AAAA", session_id: "S".repeat(43) },
    });
    expect(shape(chatItems([sealed(1, "bob"), sealed(2, "me")], [], "me", true, true))).toEqual(["day", "lock", "1*", "2*"]);
    // Not all history loaded: the notice waits for the oldest page.
    expect(shape(chatItems([sealed(1, "bob")], [], "me", false, true))).toEqual(["1*"]);
    expect(shape(chatItems([msg(1, "bob", day(11)), sealed(2, "bob")], [], "me", true, true))).toEqual(["day", "1*", "lock-since", "2*"]);
    expect(shape(chatItems([msg(1, "bob", day(11)), msg(2, "bob", day(11))], [], "me", true, false))).toEqual(["day", "1*", "2"]);
  });

  it("puts each 'security code changed' notice where it was noticed, and starts a new run after it", () => {
    const at = (d: number, h: number) => new Date(2026, 2, d, h).getTime();
    const list = [msg(5, "bob", day(10, 9)), msg(6, "bob", day(10, 11)), msg(7, "bob", day(11, 9))];
    const late = pending("p1", at(11, 12));
    const changes = [at(11, 13), at(10, 10), at(11, 8)].map((t, i) => ({ userId: i === 1 ? "cy" : "bob", at: t }));
    const items = chatItems(list, [late], "me", true, false, changes);
    expect(shape(items)).toEqual(["day", "5*", "changed", "6*", "day", "changed", "7*", "p1*", "changed"]);
    expect(items.filter((i) => i.kind === "security").map((i) => i.key)).toEqual([
      `security:cy:${at(10, 10)}`,
      `security:bob:${at(11, 8)}`,
      `security:bob:${at(11, 13)}`,
    ]);
    // Older history not loaded yet: a notice from before the oldest held message waits for it.
    expect(shape(chatItems(list.slice(1), [], "me", false, false, changes.slice(1)))).toEqual(["6*", "day", "changed", "7*"]);
  });
});

describe("conversation list", () => {
  const summary = (id: string, lastMessageAt: string | null, createdAt = day(1)): ConversationSummary => ({
    id,
    kind: "direct",
    peer: { id: `peer-${id}`, username: id, displayName: id, about: "", avatarUrl: null },
    group: null,
    lastSeq: lastMessageAt ? 1 : 0,
    lastMessage: lastMessageAt ? msg(1, `peer-${id}`, lastMessageAt) : null,
    unreadCount: 0,
    unreadMentions: 0,
    mine: { deliveredSeq: 0, readSeq: 0 },
    ticks: { deliveredSeq: 0, readSeq: 0 },
    createdAt,
    lastMessageAt,
    ...untouched,
  });

  it("orders by last activity, counting my pending messages", () => {
    const conversations = { a: summary("a", day(5)), b: summary("b", day(7)), c: summary("c", null, day(6)) };
    expect(sortedConversations(conversations, []).map((c) => c.id)).toEqual(["b", "c", "a"]);
    const later = { ...pending("p", new Date(2026, 2, 8).getTime()), conversationId: "a" };
    expect(sortedConversations(conversations, [later]).map((c) => c.id)).toEqual(["a", "b", "c"]);
  });

  it("knows when older history remains", () => {
    const state = { ...initialState, conversations: { a: summary("a", day(5)) } };
    expect(hasOlder(state, "a")).toBe(true);
    expect(hasOlder({ ...state, messages: { a: [msg(1, "x", day(5))] } }, "a")).toBe(false);
    expect(hasOlder({ ...state, messages: { a: [msg(4, "x", day(5))] } }, "a")).toBe(true);
    expect(hasOlder({ ...state, history: { a: "done" } }, "a")).toBe(false);
  });
});

describe("pinned, archived and muted chats", () => {
  const chat = (id: string, at: string, patch: Partial<ConversationSummary> = {}): ConversationSummary => ({
    id,
    kind: "direct",
    peer: { id: `peer-${id}`, username: id, displayName: id, about: "", avatarUrl: null },
    group: null,
    lastSeq: 1,
    lastMessage: msg(1, `peer-${id}`, at),
    unreadCount: 0,
    unreadMentions: 0,
    mine: { deliveredSeq: 0, readSeq: 0 },
    ticks: { deliveredSeq: 0, readSeq: 0 },
    createdAt: day(1),
    lastMessageAt: at,
    ...untouched,
    ...patch,
  });

  it("lists pinned chats first (latest pin on top), keeps archived ones apart, and knows a mute's end", () => {
    const all = {
      old: chat("old", day(2), { pinnedAt: day(3) }),
      newer: chat("newer", day(4), { pinnedAt: day(5) }),
      busy: chat("busy", day(9)),
      quiet: chat("quiet", day(6)),
      shelved: chat("shelved", day(10), { archived: true }),
    };
    expect(listedConversations(all, [], false).map((c) => c.id)).toEqual(["newer", "old", "busy", "quiet"]);
    expect(listedConversations(all, [], true).map((c) => c.id)).toEqual(["shelved"]);
    expect(isMuted({ mutedUntil: null })).toBe(false);
    expect(isMuted({ mutedUntil: day(5) }, Date.parse(day(4)))).toBe(true);
    expect(isMuted({ mutedUntil: day(5) }, Date.parse(day(6)))).toBe(false);
  });
});

describe("securityChangesIn", () => {
  const noticed = { bob: { changes: [1, 5] }, cy: { changes: [3] }, me: { changes: [4] } };
  it("shows a group's other members' changes, a direct chat's other person's, and none in a chat that isn't encrypted", () => {
    const group = groupSummary({ encrypted: true });
    expect(securityChangesIn(group, ["me", "bob", "cy", "dee"], noticed, "me")).toEqual([
      { userId: "bob", at: 1 },
      { userId: "bob", at: 5 },
      { userId: "cy", at: 3 },
    ]);
    const direct = { ...group, kind: "direct", group: null, peer: { id: "cy" } } as unknown as ConversationSummary;
    expect(securityChangesIn(direct, [], noticed, "me")).toEqual([{ userId: "cy", at: 3 }]);
    expect(securityChangesIn({ ...group, encrypted: false }, ["bob"], noticed, "me")).toEqual([]);
  });
});
