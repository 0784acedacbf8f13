import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/contracts/messaging";
import type { HeldMessage } from "./e2ee/message-opener";
import { MessagingStore } from "./messaging-store";
import { groupSummary } from "./test-support/summaries";

const me = { id: "me", username: "me_user" };

describe("a live encrypted message decrypted after it arrived", () => {
  // An opener stand-in: messages stay "waiting" until their key arrives, then show what they say.
  const keys = new Set<string>();
  const said: Record<string, string> = { m2: "@me_user are you in?", m3: "no mention here" };
  const open = (m: ChatMessage): ChatMessage =>
    m.encrypted
      ? keys.has(m.id)
        ? ({ ...m, type: "text", text: said[m.id], e2ee: "open" } as HeldMessage)
        : ({ ...m, e2ee: "waiting" } as HeldMessage)
      : m;
  const sealed = (id: string, seq: number): ChatMessage => ({
    id,
    clientId: `c-${id}`,
    conversationId: "g1",
    seq,
    senderId: "ana",
    type: "encrypted",
    text: "",
    createdAt: new Date(seq * 1000).toISOString(),
    encrypted: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: id, session_id: "S".repeat(43) },
  });

  it("counts and announces a mention of me once it can be read, in a chat not on screen only", () => {
    const store = new MessagingStore(me, open);
    store.upsertConversations([groupSummary({ id: "g1" }), groupSummary({ id: "g2" })]);
    store.receive([sealed("m2", 1), sealed("m3", 2)], { live: true, seen: "g2" });
    expect(store.getState().mention).toBeNull();
    expect(store.getState().conversations.g1).toMatchObject({ unreadCount: 2, unreadMentions: 0 });
    keys.add("m2");
    keys.add("m3");
    store.reopen();
    expect(store.getState().conversations.g1.unreadMentions).toBe(1);
    expect(store.getState().mention).toMatchObject({ conversationId: "g1", message: { id: "m2", text: "@me_user are you in?" } });
    // Told once: opening again changes nothing.
    store.dismissMention();
    store.reopen();
    expect(store.getState().mention).toBeNull();
    expect(store.getState().conversations.g1.unreadMentions).toBe(1);

    // The chat on screen when it arrived: read as it came, no notice.
    keys.clear();
    const other = new MessagingStore(me, open);
    other.upsertConversations([groupSummary({ id: "g1" })]);
    other.receive([sealed("m2", 1)], { live: true, seen: "g1" });
    keys.add("m2");
    other.reopen();
    expect(other.getState().mention).toBeNull();
    expect(other.getState().conversations.g1.unreadMentions).toBe(0);
  });
});

describe("a chat cleared on another of my devices", () => {
  const text = (seq: number): ChatMessage => ({
    id: `m${seq}`,
    clientId: `c${seq}`,
    conversationId: "g1",
    seq,
    senderId: "ana",
    type: "text",
    text: `hi ${seq}`,
    createdAt: new Date(seq * 1000).toISOString(),
  });

  it("drops the messages up to the clear, from the list, the search index and the chat list's preview", () => {
    const gone: number[] = [];
    const store = new MessagingStore(
      me,
      (m) => m,
      (_, seqs) => gone.push(...seqs),
    );
    store.upsertConversations([groupSummary({ lastSeq: 3, lastMessage: text(3), unreadCount: 3 })]);
    store.receive([text(1), text(2), text(3)]);
    // A late summary from before the clear changes nothing; the clear takes the preview and unread count with it.
    store.upsertConversations([groupSummary({ lastSeq: 3, lastMessage: null, unreadCount: 0, clearedSeq: 2 })]);
    expect(store.getState().messages.g1.map((m) => m.seq)).toEqual([3]);
    expect(gone).toEqual([1, 2]);
    expect(store.getState().conversations.g1).toMatchObject({ clearedSeq: 2, lastMessage: null, unreadCount: 0 });
    store.upsertConversations([groupSummary({ lastSeq: 3, lastMessage: text(3), unreadCount: 3 })]);
    expect(store.getState().conversations.g1.clearedSeq).toBe(2);
  });
});
