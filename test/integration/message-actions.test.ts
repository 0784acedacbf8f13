// What members do with messages after sending them, against the real server on both transports: replies,
// reactions, edits (with their window, on a clock the test moves), deletions (for me, for everyone, by
// admins; content and files really removed), forwarding and its limits, stars, pins, chat settings,
// full-text search and disappearing messages.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FlagUpdate, MessagesRemoved, MessageUpdate, SearchResult, StarredMessage } from "../../lib/contracts/message-actions";
import type { ChatMessage, ConversationSummary, SyncPage } from "../../lib/contracts/messaging";
import { request, type TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { ask, collect, openDirect, openToGroups, until } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(testDatabases)("message actions on $name", (database) => {
  const t = useTestServer(database, { DISAPPEARING_SWEEP_SECONDS: "1" });
  const { people, connectAs, uploadPhoto, advance } = t;
  let n = 0;
  const say = async (user: TestUser, conversationId: string, text: string, extra: Record<string, unknown> = {}) => {
    const res = await request<{ message: ChatMessage }>(t.base, "POST", "/api/v1/messages", {
      token: user.token,
      json: { id: `act-${++n}-${Date.now()}`, conversationId, text, ...extra },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.message;
  };
  const at = (id: string, seq: number, rest = "") => `/api/v1/conversations/${id}/messages/${seq}${rest}`;
  const history = async (user: TestUser, id: string, query = "limit=200") =>
    (await request(t.base, "GET", `/api/v1/conversations/${id}/messages?${query}`, { token: user.token })).body.messages as ChatMessage[];
  const group = async (admin: TestUser, members: TestUser[]) => {
    await openToGroups(t.base, ...members);
    return (
      await request<ConversationSummary>(t.base, "POST", "/api/v1/groups", {
        token: admin.token,
        json: { name: "Crew", participants: members.map((m) => m.userId) },
      })
    ).body;
  };
  const chatOf = async (a: TestUser, b: TestUser) => (await openDirect(t.base, a, b)).id;
  /** Whether the blob's row and bytes are still stored. */
  const stored = (sha256: string) => {
    const bytes = readdirSync(path.join(t.dataDir, "media"), { recursive: true }).some((f) => String(f).endsWith(sha256));
    return bytes;
  };

  it("replies quote the message as it is now, and history jumps to a message far back", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await chatOf(ana, ben);
    const first = await say(ana, chat, "Where shall we meet?");
    for (let i = 0; i < 30; i++) await say(ben, chat, `filler ${i}`);
    const reply = await say(ben, chat, "At the station", { replyTo: first.seq });
    expect(reply.replyTo).toEqual({ seq: first.seq, senderId: ana.userId, type: "text", text: "Where shall we meet?" });

    // Around the quoted message: a page centred on it, with older ones said to exist or not.
    const around = await request(t.base, "GET", `/api/v1/conversations/${chat}/messages?around=${first.seq}&limit=10`, {
      token: ben.token,
    });
    expect(around.body.messages.map((m: ChatMessage) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(around.body.hasMore).toBe(false);
    const middle = await request(t.base, "GET", `/api/v1/conversations/${chat}/messages?around=16&limit=10`, { token: ben.token });
    expect(middle.body.messages.map((m: ChatMessage) => m.seq)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(middle.body.hasMore).toBe(true);

    const missing = await request(t.base, "POST", "/api/v1/messages", {
      token: ben.token,
      json: { id: `act-missing-${++n}`, conversationId: chat, text: "?", replyTo: 999 },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ message: "The message you're replying to isn't available", field: "replyTo" });

    // An edit of the original shows in the quote.
    await request(t.base, "PATCH", at(chat, first.seq), { token: ana.token, json: { text: "Where do we meet?" } });
    expect((await history(ben, chat)).at(-1)?.replyTo?.text).toBe("Where do we meet?");
  });

  it("keeps one reaction per person, pushed live, with who reacted", async () => {
    const [ana, ben, eve] = await people("Ana", "Ben", "Eve");
    const chat = await chatOf(ana, ben);
    const m = await say(ana, chat, "Passed my exam!");
    const a = await connectAs(ana);
    const updates = collect<MessageUpdate>(a, "message:updated");

    const party = await request<MessageUpdate>(t.base, "PUT", at(chat, m.seq, "/reaction"), { token: ben.token, json: { emoji: "🎉" } });
    expect(party.status).toBe(200);
    expect(party.body.reactions).toEqual([{ emoji: "🎉", userIds: [ben.userId] }]);
    await until(() => updates.length === 1);
    expect(updates[0]).toMatchObject({ seq: m.seq, reactions: [{ emoji: "🎉", userIds: [ben.userId] }] });

    // Over the socket: Ana adds hers; Ben changes his (still one each); then removes it.
    const b = await connectAs(ben);
    expect(await ask(a, "message:react", { conversationId: chat, seq: m.seq, emoji: "🎉" })).toMatchObject({
      ok: true,
      data: { reactions: [{ emoji: "🎉", userIds: [ben.userId, ana.userId] }] },
    });
    expect(await ask(b, "message:react", { conversationId: chat, seq: m.seq, emoji: "👍🏽" })).toMatchObject({
      ok: true,
      data: {
        reactions: [
          { emoji: "🎉", userIds: [ana.userId] },
          { emoji: "👍🏽", userIds: [ben.userId] },
        ],
      },
    });
    const removed = await request<MessageUpdate>(t.base, "DELETE", at(chat, m.seq, "/reaction"), { token: ben.token });
    expect(removed.body.reactions).toEqual([{ emoji: "🎉", userIds: [ana.userId] }]);
    await until(() => updates.at(-1)?.reactions?.length === 1 && updates.length >= 3);

    expect((await request(t.base, "PUT", at(chat, m.seq, "/reaction"), { token: ben.token, json: { emoji: "yes" } })).status).toBe(400);
    // Eve isn't in the chat: the message doesn't exist for her.
    const stranger = await request(t.base, "PUT", at(chat, m.seq, "/reaction"), { token: eve.token, json: { emoji: "🎉" } });
    expect(stranger.status).toBe(404);
    const e = await connectAs(eve);
    expect(await ask(e, "message:react", { conversationId: chat, seq: m.seq, emoji: "🎉" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("edits my own text within the window, keeps the history, and refuses the rest with the reason", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await chatOf(ana, ben);
    const m = await say(ana, chat, "See you at 5");
    const b = await connectAs(ben);
    const updates = collect<MessageUpdate>(b, "message:updated");

    const edited = await request<MessageUpdate>(t.base, "PATCH", at(chat, m.seq), { token: ana.token, json: { text: "See you at 6" } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ text: "See you at 6", editedAt: expect.any(String), changedSeq: 1 });
    await until(() => updates.length === 1);
    expect(updates[0]).toMatchObject({ seq: m.seq, text: "See you at 6", editedAt: edited.body.editedAt });
    const edits = await request(t.base, "GET", at(chat, m.seq, "/edits"), { token: ben.token });
    expect(edits.body.edits).toEqual([{ version: 1, text: "See you at 5", editedAt: edited.body.editedAt }]);

    const notMine = await request(t.base, "PATCH", at(chat, m.seq), { token: ben.token, json: { text: "hacked" } });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.message).toBe("You can only edit your own messages");

    advance(16 * MINUTE);
    const late = await request(t.base, "PATCH", at(chat, m.seq), { token: ana.token, json: { text: "See you at 7" } });
    expect(late.status).toBe(403);
    expect(late.body.error.message).toBe("Messages can only be edited within 15 minutes of sending them");
    const a = await connectAs(ana);
    expect(await ask(a, "message:edit", { conversationId: chat, seq: m.seq, text: "See you at 7" })).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: "Messages can only be edited within 15 minutes of sending them" },
    });
    expect((await history(ben, chat)).at(-1)?.text).toBe("See you at 6");
  });

  it("deletes for everyone within 60 hours, really removing the text and a file nothing else uses", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const chat = await chatOf(ana, ben);
    const secret = await say(ana, chat, "my pin is 4321");
    const b = await connectAs(ben);
    const updates = collect<MessageUpdate>(b, "message:updated");

    const gone = await request<MessageUpdate>(t.base, "DELETE", at(chat, secret.seq, "?for=everyone"), { token: ana.token });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ seq: secret.seq, type: "deleted", text: "" });
    await until(() => updates.length === 1);
    expect(updates[0]).toMatchObject({ type: "deleted", text: "" });
    for (const user of [ana, ben]) expect((await history(user, chat)).at(-1)).toMatchObject({ seq: secret.seq, type: "deleted", text: "" });
    const row = await t.db.get(`SELECT "text", "attachment", "fileId" FROM "Message" WHERE "id" = ?`, [secret.id]);
    expect(row).toEqual({ text: "", attachment: null, fileId: null });

    // A photo sent, then forwarded: deleting the original keeps the file for the copy; deleting the copy frees it.
    const file = await uploadPhoto(ana, "#08f");
    const sent = await say(ana, chat, "", { type: "image", fileId: file.fileId });
    const copy = (
      await request(t.base, "POST", "/api/v1/messages/forward", {
        token: ben.token,
        json: { from: { conversationId: chat, seq: sent.seq }, targets: [{ id: `forward-fw-${++n}`, to: cid.userId }] },
      })
    ).body.messages[0] as ChatMessage;
    expect(copy.file?.fileId).toBe(file.fileId);
    expect(stored(file.sha256)).toBe(true);
    await request(t.base, "DELETE", at(chat, sent.seq, "?for=everyone"), { token: ana.token });
    expect((await fetch(`${t.base}/api/v1/media/${file.fileId}`, { headers: { authorization: `Bearer ${cid.token}` } })).status).toBe(200);
    await request(t.base, "DELETE", at(copy.conversationId, copy.seq, "?for=everyone"), { token: ben.token });
    expect((await fetch(`${t.base}/api/v1/media/${file.fileId}`, { headers: { authorization: `Bearer ${ana.token}` } })).status).toBe(404);
    expect(stored(file.sha256)).toBe(false);

    const mine = await say(ana, chat, "mine");
    const notMine = await request(t.base, "DELETE", at(chat, mine.seq, "?for=everyone"), { token: ben.token });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.message).toBe("You can only delete your own messages for everyone");
    const old = await say(ana, chat, "old news");
    advance(61 * HOUR);
    const late = await request(t.base, "DELETE", at(chat, old.seq, "?for=everyone"), { token: ana.token });
    expect(late.status).toBe(403);
    expect(late.body.error.message).toBe("Messages can only be deleted for everyone within 60 hours of sending them");
    expect((await request(t.base, "DELETE", at(chat, old.seq, "?for=nobody"), { token: ana.token })).status).toBe(400);
  });

  it("lets group admins delete anyone's message; members only their own", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const g = await group(ana, [ben, cid]);
    const rude = await say(ben, g.id, "something rude");
    const byCid = await request(t.base, "DELETE", at(g.id, rude.seq, "?for=everyone"), { token: cid.token });
    expect(byCid.status).toBe(403);
    const byAdmin = await request<MessageUpdate>(t.base, "DELETE", at(g.id, rude.seq, "?for=everyone"), { token: ana.token });
    expect(byAdmin.body.type).toBe("deleted");
    expect((await history(cid, g.id)).find((m) => m.seq === rude.seq)?.type).toBe("deleted");
  });

  it("deletes for me only: gone from my history and my other devices, still there for the others", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await chatOf(ana, ben);
    const m1 = await say(ben, chat, "one");
    const m2 = await say(ben, chat, "two");
    const [phone, laptop] = [await connectAs(ana), await connectAs(ana)];
    const flagged = collect<FlagUpdate>(laptop, "message:flagged");
    expect(await ask(phone, "message:delete", { conversationId: chat, seq: m2.seq, for: "me" })).toMatchObject({
      ok: true,
      data: { conversationId: chat, seq: m2.seq, hidden: true, starred: false, flagSeq: 1 },
    });
    await until(() => flagged.length === 1);
    expect((await history(ana, chat)).map((m) => m.text)).toEqual(["one"]);
    expect((await history(ben, chat)).map((m) => m.text)).toEqual(["one", "two"]);
    // The chat list shows the message before it; a device catching up skips it without a gap.
    const summary = (await request<ConversationSummary>(t.base, "GET", `/api/v1/conversations/${chat}`, { token: ana.token })).body;
    expect(summary.lastMessage?.seq).toBe(m1.seq);
    const page = await ask<SyncPage>(phone, "sync:request", { cursors: { [chat]: 0 }, flags: { [chat]: 0 } });
    const synced = page.ok ? page.data.conversations.find((c) => c.conversation.id === chat) : undefined;
    expect(synced).toMatchObject({ upTo: m2.seq, hasMore: false, flags: [{ seq: m2.seq, hidden: true, starred: false }], flagsUpTo: 1 });
    expect(synced?.messages.map((m) => m.seq)).toEqual([m1.seq]);
    // It is gone for good: nothing more can be done with it.
    expect((await request(t.base, "PUT", at(chat, m2.seq, "/reaction"), { token: ana.token, json: { emoji: "👍" } })).status).toBe(404);
  });

  it("counts forwards along a chain: many times at 5, then one chat at a time", async () => {
    const [ana, ben, cid, dan, eve, fay] = await people("Ana", "Ben", "Cid", "Dan", "Eve", "Fay");
    const chain = [ana, ben, cid, dan, eve, fay];
    const chats = [];
    for (let i = 0; i < chain.length - 1; i++) chats.push(await chatOf(chain[i], chain[i + 1]));
    let current = await say(ana, chats[0], "Chain letter");
    expect(current.forwards).toBeUndefined();
    for (let hop = 1; hop < chain.length - 1; hop++) {
      const res = await ask<{ messages: ChatMessage[] }>(await connectAs(chain[hop]), "message:forward", {
        from: { conversationId: current.conversationId, seq: current.seq },
        targets: [{ id: `forward-hop-${hop}-${++n}`, conversationId: chats[hop] }],
      });
      if (!res.ok) throw new Error(res.error.message);
      current = res.data.messages[0];
      expect(current).toMatchObject({ text: "Chain letter", forwards: hop });
    }
    // Eve's copy has been forwarded 4 times; she forwards it a 5th: "Forwarded many times".
    const fifth = await request(t.base, "POST", "/api/v1/messages/forward", {
      token: eve.token,
      json: {
        from: { conversationId: current.conversationId, seq: current.seq },
        targets: [{ id: `forward-hop-5-${++n}`, conversationId: chats[4] }],
      },
    });
    expect(fifth.status).toBe(201);
    const many = fifth.body.messages[0] as ChatMessage;
    expect(many.forwards).toBe(5);

    // Fay can forward it to one chat at a time only.
    const fayCid = await chatOf(fay, cid);
    const fayDan = await chatOf(fay, dan);
    const two = await request(t.base, "POST", "/api/v1/messages/forward", {
      token: fay.token,
      json: {
        from: { conversationId: many.conversationId, seq: many.seq },
        targets: [
          { id: `forward-f1-${++n}`, conversationId: fayCid },
          { id: `forward-f2-${++n}`, conversationId: fayDan },
        ],
      },
    });
    expect(two.status).toBe(422);
    expect(two.body.error.message).toBe("Messages forwarded many times can only be forwarded to one chat at a time");
    const one = await request(t.base, "POST", "/api/v1/messages/forward", {
      token: fay.token,
      json: {
        from: { conversationId: many.conversationId, seq: many.seq },
        targets: [{ id: `forward-f3-${++n}`, conversationId: fayCid }],
      },
    });
    expect(one.body.messages[0].forwards).toBe(6);

    // A fresh message goes to at most 5 chats at once.
    const fresh = await say(ana, chats[0], "to everyone");
    const six = await request(t.base, "POST", "/api/v1/messages/forward", {
      token: ana.token,
      json: {
        from: { conversationId: chats[0], seq: fresh.seq },
        targets: chain
          .slice(1)
          .concat(ana)
          .map((u, i) => ({ id: `forward-six-${i}-${++n}`, to: u.userId })),
      },
    });
    expect(six.status).toBe(422);
    expect(six.body.error.message).toBe("You can forward a message to up to 5 chats at once");
  });

  it("stars messages into a starred list and pins at most 3 per chat", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await chatOf(ana, ben);
    const ms = [];
    for (const text of ["a", "b", "c", "d"]) ms.push(await say(ana, chat, text));
    await request(t.base, "PUT", at(chat, ms[0].seq, "/star"), { token: ben.token });
    await request(t.base, "PUT", at(chat, ms[2].seq, "/star"), { token: ben.token });
    let starred = (await request<{ starred: StarredMessage[] }>(t.base, "GET", "/api/v1/messages/starred", { token: ben.token })).body
      .starred;
    expect(starred.map((s) => s.message.text)).toEqual(["c", "a"]);
    await request(t.base, "DELETE", at(chat, ms[2].seq, "/star"), { token: ben.token });
    starred = (await request(t.base, "GET", "/api/v1/messages/starred", { token: ben.token })).body.starred;
    expect(starred.map((s) => s.message.text)).toEqual(["a"]);
    expect((await request(t.base, "GET", "/api/v1/messages/starred", { token: ana.token })).body.starred).toEqual([]);

    let summary: ConversationSummary | undefined;
    for (const m of ms) summary = (await request<ConversationSummary>(t.base, "PUT", at(chat, m.seq, "/pin"), { token: ana.token })).body;
    expect(summary?.pinned).toEqual([ms[1].seq, ms[2].seq, ms[3].seq]);
    summary = (await request<ConversationSummary>(t.base, "DELETE", at(chat, ms[2].seq, "/pin"), { token: ben.token })).body;
    expect(summary.pinned).toEqual([ms[1].seq, ms[3].seq]);
  });

  it("pins, archives and mutes chats for me alone, up to 3 pinned", async () => {
    const [ana, ben, cid, dan, eve] = await people("Ana", "Ben", "Cid", "Dan", "Eve");
    const chats = [];
    for (const other of [ben, cid, dan, eve]) chats.push(await chatOf(ana, other));
    const settings = (id: string, json: unknown, user = ana) =>
      request<ConversationSummary>(t.base, "PATCH", `/api/v1/conversations/${id}`, { token: user.token, json });
    for (const id of chats.slice(0, 3)) expect((await settings(id, { pinned: true })).body.pinnedAt).toEqual(expect.any(String));
    const fourth = await settings(chats[3], { pinned: true });
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ error: { message: "You can only pin up to 3 chats" } });
    const muted = await settings(chats[3], { archived: true, mute: "8h" });
    expect(muted.body).toMatchObject({ archived: true, pinnedAt: null });
    expect(Date.parse(muted.body.mutedUntil as string) - Date.now() - t.clockOffset).toBeGreaterThan(7.9 * HOUR);
    expect((await settings(chats[3], { mute: null })).body.mutedUntil).toBeNull();
    // Eve's view of the same chat is untouched.
    expect(
      (await request<ConversationSummary>(t.base, "GET", `/api/v1/conversations/${chats[3]}`, { token: eve.token })).body,
    ).toMatchObject({
      archived: false,
      pinnedAt: null,
    });
    expect((await settings(chats[0], {})).status).toBe(400);
  });

  it("clears, deletes and marks chats unread for me alone, on all my devices", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const chat = await chatOf(ana, ben);
    const first = await say(ben, chat, "Dinner at eight?");
    await say(ana, chat, "Yes!");
    const last = await say(ben, chat, "Bring the lamp");
    await request(t.base, "PUT", at(chat, first.seq, "/star"), { token: ana.token });
    const summary = async (user = ana) =>
      (await request<ConversationSummary>(t.base, "GET", `/api/v1/conversations/${chat}`, { token: user.token })).body;
    const clear = (json: unknown, user = ana, id = chat) =>
      request<ConversationSummary>(t.base, "POST", `/api/v1/conversations/${id}/clear`, { token: user.token, json });
    const settings = (json: unknown, user = ana) =>
      request<ConversationSummary>(t.base, "PATCH", `/api/v1/conversations/${chat}`, { token: user.token, json });

    // Mark as unread, until read again (a read report ends it), on every device's summary.
    expect((await settings({ unread: true })).body.markedUnread).toBe(true);
    const other = await connectAs(ana);
    const read = await ask(other, "conversation:read", { conversationId: chat, seq: last.seq });
    expect(read.ok).toBe(true);
    expect((await summary()).markedUnread).toBe(false);
    await settings({ unread: true });
    expect((await settings({ unread: false })).body.markedUnread).toBe(false);
    other.disconnect();

    // Clear chat: up to what Ana's app showed, never past the last message; Ben keeps his.
    expect((await clear({ upTo: -1 })).status).toBe(400);
    expect((await clear({ upTo: last.seq }, cid)).status).toBe(404);
    const cleared = (await clear({ upTo: 99 })).body;
    expect(cleared).toMatchObject({ clearedSeq: last.seq, lastMessage: null, unreadCount: 0, deleted: false });
    expect(await history(ana, chat)).toEqual([]);
    expect((await history(ben, chat)).map((m) => m.text)).toEqual(["Dinner at eight?", "Yes!", "Bring the lamp"]);
    expect((await request(t.base, "GET", "/api/v1/messages/starred", { token: ana.token })).body.starred).toEqual([]);
    expect((await request(t.base, "PUT", at(chat, first.seq, "/reaction"), { token: ana.token, json: { emoji: "👍" } })).status).toBe(404);
    const after = await say(ben, chat, "See you");
    expect((await summary()).lastMessage?.text).toBe("See you");
    expect((await summary()).unreadCount).toBe(1);
    expect((await history(ana, chat)).map((m) => m.seq)).toEqual([after.seq]);
    // The watermark never moves back.
    expect((await clear({ upTo: 1 })).body.clearedSeq).toBe(last.seq);

    // Delete chat: cleared and out of the list until a newer message comes.
    expect((await clear({ upTo: after.seq, deleteChat: true })).body).toMatchObject({ deleted: true, clearedSeq: after.seq });
    await say(ben, chat, "Are you there?");
    expect(await summary()).toMatchObject({ deleted: true, unreadCount: 1, lastMessage: { text: "Are you there?" } });

    // A group can be deleted only after leaving it.
    const crew = await group(ana, [ben]);
    const refused = await clear({ upTo: 0, deleteChat: true }, ben, crew.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { message: "Exit the group before deleting it" } });
    expect((await clear({ upTo: 0 }, ben, crew.id)).status).toBe(200);
  });

  it("searches words across my chats and within one, with filters, never others' chats", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const withBen = await chatOf(ana, ben);
    const withCid = await chatOf(ana, cid);
    const benCid = await chatOf(ben, cid);
    const word = `zebra${Math.random().toString(36).slice(2, 8)}`;
    const old = await say(ben, withBen, `The ${word} crossing is on Main Street`);
    for (let i = 0; i < 20; i++) await say(ana, withBen, `other talk ${i}`);
    await say(ana, withCid, `Did you see the ${word.toUpperCase()}S?`);
    await say(ben, benCid, `secret ${word}`);
    await say(ana, withCid, `Link: https://example.com/${word}`);
    const find = (user: TestUser, query: string) =>
      request<SearchResult>(t.base, "GET", `/api/v1/messages/search?${query}`, { token: user.token }).then(
        (r) => r.body.messages ?? r.body,
      );

    const all = await find(ana, `q=${word.slice(0, 8)}`);
    expect(all.map((m: ChatMessage) => m.conversationId).sort()).toEqual([withBen, withCid, withCid].sort());
    expect((await find(ana, `q=${word}+crossing&conversationId=${withBen}`)).map((m: ChatMessage) => m.seq)).toEqual([old.seq]);
    expect((await find(ana, `q=${word}&senderId=${ben.userId}`)).map((m: ChatMessage) => m.id)).toEqual([old.id]);
    expect((await find(ana, `q=${word}&filter=links`)).map((m: ChatMessage) => m.text)).toEqual([`Link: https://example.com/${word}`]);
    expect(await find(ana, `q=${word}&filter=documents`)).toEqual([]);
    // Pages, newest first, each starting after the last one's last result.
    const first = await request<SearchResult>(t.base, "GET", `/api/v1/messages/search?q=talk&conversationId=${withBen}&limit=8`, {
      token: ana.token,
    });
    expect(first.body.hasMore).toBe(true);
    const next = await request<SearchResult>(
      t.base,
      "GET",
      `/api/v1/messages/search?q=talk&conversationId=${withBen}&limit=20&before=${first.body.messages.at(-1)?.id}`,
      {
        token: ana.token,
      },
    );
    expect([...first.body.messages, ...next.body.messages].map((m) => m.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `other talk ${19 - i}`),
    );
    expect(next.body.hasMore).toBe(false);
    // Not in a chat I'm in: not found, the same as a chat that doesn't exist.
    const other = await request(t.base, "GET", `/api/v1/messages/search?q=${word}&conversationId=${benCid}`, { token: ana.token });
    expect(other.status).toBe(404);
    expect((await request(t.base, "GET", "/api/v1/messages/search?q=", { token: ana.token })).status).toBe(400);

    // Edited words are found by their new text only; deleted messages and those deleted for me are not found.
    await request(t.base, "PATCH", at(withBen, old.seq), { token: ben.token, json: { text: "The giraffe crossing" } });
    expect(await find(ana, `q=${word}+crossing`)).toEqual([]);
    const giraffes = await find(ana, "q=giraffe+crossing");
    expect(giraffes.map((m: ChatMessage) => m.id)).toContain(old.id);
    await request(t.base, "DELETE", at(withBen, old.seq, "?for=me"), { token: ana.token });
    expect((await find(ana, `q=giraffe+crossing&conversationId=${withBen}`)).length).toBe(0);
    expect((await find(ben, `q=giraffe+crossing&conversationId=${withBen}`)).length).toBe(1);
    await request(t.base, "DELETE", at(withBen, old.seq, "?for=everyone"), { token: ben.token });
    expect((await find(ben, `q=giraffe+crossing&conversationId=${withBen}`)).length).toBe(0);
  });

  it("syncs what changed while a device was away", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await chatOf(ana, ben);
    const m1 = await say(ana, chat, "first");
    const m2 = await say(ana, chat, "second");
    const b = await connectAs(ben);
    const before = await ask<SyncPage>(b, "sync:request", { cursors: { [chat]: 0 }, changes: { [chat]: 0 } });
    const was = before.ok ? before.data.conversations.find((c) => c.conversation.id === chat) : undefined;
    expect(was).toMatchObject({ upTo: m2.seq, changed: [], changesUpTo: 0 });
    await request(t.base, "PATCH", at(chat, m1.seq), { token: ana.token, json: { text: "first!" } });
    await request(t.base, "PUT", at(chat, m2.seq, "/reaction"), { token: ana.token, json: { emoji: "❤️" } });
    await request(t.base, "PUT", at(chat, m1.seq, "/reaction"), { token: ana.token, json: { emoji: "😂" } });
    const after = await ask<SyncPage>(b, "sync:request", { cursors: { [chat]: m2.seq }, changes: { [chat]: 0 }, limit: 1 });
    const page = after.ok ? after.data.conversations.find((c) => c.conversation.id === chat) : undefined;
    // Change order, one per page here: m1's edit was overtaken by its reaction, so m2 comes first.
    expect(page).toMatchObject({ messages: [], changesUpTo: 2, hasMore: true });
    expect(page?.changed.map((m) => [m.seq, m.changedSeq])).toEqual([[m2.seq, 2]]);
    const rest = await ask<SyncPage>(b, "sync:request", { cursors: { [chat]: m2.seq }, changes: { [chat]: 2 } });
    const last = rest.ok ? rest.data.conversations.find((c) => c.conversation.id === chat) : undefined;
    expect(last?.changed).toMatchObject([{ seq: m1.seq, text: "first!", reactions: [{ emoji: "😂" }], changedSeq: 3 }]);
    expect(last).toMatchObject({ changesUpTo: 3, hasMore: false });
  });

  it("makes messages disappear when their time is up: rows, files and open clients", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const chat = await chatOf(ana, ben);
    const keep = await say(ana, chat, "before the timer");
    const set = await request<ConversationSummary>(t.base, "PUT", `/api/v1/conversations/${chat}/disappearing`, {
      token: ben.token,
      json: { seconds: 86_400 },
    });
    expect(set.status).toBe(200);
    expect(set.body.disappearAfter).toBe(86_400);
    const announced = (await history(ana, chat)).at(-1);
    expect(announced).toMatchObject({ type: "system", text: expect.stringContaining("turned on disappearing messages") });
    expect(announced?.text).toContain("24 hours");
    const brief = await say(ana, chat, "this will vanish");
    const file = await uploadPhoto(ben, "#f80");
    const photo = await say(ben, chat, "", { type: "image", fileId: file.fileId });
    expect(Date.parse(brief.expiresAt as string) - Date.parse(brief.createdAt)).toBe(86_400_000);
    const a = await connectAs(ana);
    const removed = collect<MessagesRemoved>(a, "message:removed");

    advance(23 * HOUR);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await history(ben, chat)).map((m) => m.seq)).toContain(brief.seq);
    advance(2 * HOUR);
    await until(() => removed.length > 0, 10_000);
    expect(removed[0]).toEqual({ conversationId: chat, seqs: expect.arrayContaining([brief.seq]) });
    expect((await history(ben, chat)).map((m) => m.seq)).not.toContain(brief.seq);
    expect((await history(ben, chat)).map((m) => m.seq)).toContain(keep.seq);
    expect(await t.db.get(`SELECT "id" FROM "Message" WHERE "id" = ?`, [brief.id])).toBeUndefined();
    await until(() => removed.flatMap((r) => r.seqs).includes(photo.seq));
    expect(await t.db.get(`SELECT "sha256" FROM "MediaBlob" WHERE "sha256" = ?`, [file.sha256])).toBeUndefined();
    expect(stored(file.sha256)).toBe(false);

    // Turning it off is announced too; in a group only admins may change it.
    const off = await request<ConversationSummary>(t.base, "PUT", `/api/v1/conversations/${chat}/disappearing`, {
      token: ana.token,
      json: { seconds: 0 },
    });
    expect(off.body.disappearAfter).toBeNull();
    const g = await group(ana, [ben, cid]);
    const byMember = await request(t.base, "PUT", `/api/v1/conversations/${g.id}/disappearing`, {
      token: cid.token,
      json: { seconds: 604_800 },
    });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.message).toBe("Only group admins can change disappearing messages");
    expect(
      (await request(t.base, "PUT", `/api/v1/conversations/${g.id}/disappearing`, { token: ana.token, json: { seconds: 60 } })).status,
    ).toBe(400);
    expect(t.clockOffset).toBeGreaterThan(0);
  });
});
