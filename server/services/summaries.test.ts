// Summaries of many conversations at once (what a conversation list and every sync need), and the sync on them.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabases, uniqueName } from "../../test/helpers/databases";
import { useServiceContext } from "../../test/helpers/service-context";
import type { AppContext } from "../context";
import { addMember, removeMember } from "./change-group";
import { summarize, summarizeMany } from "./conversation-access";
import { createGroup } from "./create-group";
import { directConversationId } from "./open-direct-conversation";
import { updatePrivacy } from "./privacy";
import { syncMessages } from "./read-messages";
import { registerUser } from "./register-user";
import { reportReceipt } from "./report-receipt";
import { sendMessage } from "./send-message";

describe.each(testDatabases)("summaries on $name", (database) => {
  let context: AppContext;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ context, close } = await useServiceContext(database.url()));
  });
  afterEach(async () => close());

  const person = async (displayName: string) => {
    const username = uniqueName("s");
    const { userId } = await registerUser(context, { username, displayName, password: "correct horse battery" }, "127.0.0.1");
    // Strangers build the groups here: each lets anyone add them (the default is "My contacts").
    await updatePrivacy(context, userId, { groups: "everyone" });
    return { id: userId, username, displayName };
  };
  let n = 0;
  const send = (from: string, conversationId: string, text: string) => sendMessage(context, from, { id: `s${++n}`, conversationId, text });
  /** Reads (the store's reader: writes go through transactions) while `run` runs. */
  const readsDuring = async <T>(run: () => Promise<T>) => {
    const reads = [vi.spyOn(context.store.reader, "all"), vi.spyOn(context.store.reader, "get")];
    try {
      return { result: await run(), reads: reads.reduce((sum, spy) => sum + spy.mock.calls.length, 0) };
    } finally {
      for (const spy of reads) spy.mockRestore();
    }
  };

  it("summarizes several conversations at once exactly as one by one, in three queries", async () => {
    const [ana, ben, cid] = [await person("Ana"), await person("Ben"), await person("Cid")];
    const withBen = await directConversationId(context, ana.id, ben.id);
    const withCid = await directConversationId(context, ana.id, cid.id);
    const { id: group } = await createGroup(context, ana.id, { name: "Trip", description: "Saturday", participants: [ben.id, cid.id] });
    await send(ben.id, withBen, "hi");
    await send(ben.id, withBen, "there");
    await reportReceipt(context, ana.id, "read", { conversationId: withBen, seq: 1 });
    await send(cid.id, group, `@${ana.username} are you in?`);
    await send(ben.id, group, "me too");

    const ids = await context.store.conversationIdsOf(ana.id);
    expect(ids).toHaveLength(3);
    const oneByOne = await Promise.all(ids.map((id) => summarize(context, id, ana.id)));
    const { result: many, reads } = await readsDuring(() => summarizeMany(context, ids, ana.id));
    expect(many).toEqual(oneByOne);
    expect(reads).toBe(3);
    // In the order asked for, whatever it is.
    expect(await summarizeMany(context, [...ids].reverse(), ana.id)).toEqual([...oneByOne].reverse());

    const byId = new Map(many.map((s) => [s.id, s]));
    expect(byId.get(withBen)).toMatchObject({
      kind: "direct",
      peer: { id: ben.id, username: ben.username, displayName: "Ben" },
      group: null,
      lastSeq: 2,
      lastMessage: { seq: 2, text: "there", senderId: ben.id },
      unreadCount: 1,
      unreadMentions: 0,
      mine: { deliveredSeq: 1, readSeq: 1 },
      ticks: { deliveredSeq: 1, readSeq: 1 },
    });
    // A chat opened but never written in.
    expect(byId.get(withCid)).toMatchObject({ kind: "direct", peer: { id: cid.id }, lastSeq: 0, lastMessage: null, unreadCount: 0 });
    const trip = byId.get(group);
    expect(trip).toMatchObject({
      kind: "group",
      peer: null,
      group: { name: "Trip", description: "Saturday", memberCount: 3, myRole: "admin", avatarKey: null },
      lastMessage: { text: "me too" },
      unreadCount: 2,
      unreadMentions: 1,
    });
    expect(trip?.lastSeq).toBe(trip?.lastMessage?.seq);
  });

  it("refuses the lot when one conversation isn't the user's, like a single summary", async () => {
    const [ana, ben, cid] = [await person("Ana"), await person("Ben"), await person("Cid")];
    const mine = await directConversationId(context, ana.id, ben.id);
    const theirs = await directConversationId(context, ben.id, cid.id);
    await expect(summarizeMany(context, [mine, theirs], ana.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(summarize(context, theirs, ana.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await summarizeMany(context, [], ana.id)).toEqual([]);
  });

  it("shows a group someone left as it was when they left, and one joined late from when they joined", async () => {
    const [ana, ben, cid, dee] = [await person("Ana"), await person("Ben"), await person("Cid"), await person("Dee")];
    const { id: group } = await createGroup(context, ana.id, { name: "Trip", description: "", participants: [ben.id, cid.id] });
    const withAna = await directConversationId(context, ben.id, ana.id);
    await send(ana.id, withAna, "hello Ben");
    await send(cid.id, group, `@${ben.username} before`);
    await removeMember(context, ana.id, group, ben.id);
    const notice = (await summarize(context, group, ana.id)).lastMessage;
    expect(notice?.text).toMatch(/removed Ben/);
    await send(cid.id, group, `@${ben.username} after`);
    await addMember(context, ana.id, group, dee.id);
    await send(cid.id, group, "welcome");

    const [left, direct] = await summarizeMany(context, [group, withAna], ben.id);
    expect(left).toEqual(await summarize(context, group, ben.id));
    expect(left).toMatchObject({
      lastSeq: notice?.seq,
      lastMessage: notice,
      // Everything up to the notice, all from others and unread; the later mention was never his.
      unreadCount: notice?.seq,
      unreadMentions: 1,
      group: { myRole: null, memberCount: 3 },
    });
    expect(direct).toMatchObject({ kind: "direct", peer: { id: ana.id }, lastMessage: { text: "hello Ben" }, unreadCount: 1 });

    const [late] = await summarizeMany(context, [group], dee.id);
    // From the notice that added her on.
    expect(late).toMatchObject({ lastMessage: { text: "welcome" }, unreadCount: 2, group: { myRole: "member", memberCount: 3 } });
    expect((await summarize(context, group, ana.id)).lastSeq).toBe(late.lastSeq);
  });

  it("syncs a reconnect that holds everything without reading any message", async () => {
    const [ana, ben, cid] = [await person("Ana"), await person("Ben"), await person("Cid")];
    const withBen = await directConversationId(context, ana.id, ben.id);
    const { id: group } = await createGroup(context, ben.id, { name: "Trip", description: "", participants: [ana.id, cid.id] });
    // The direct chat is then the most recent, on any clock.
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let i = 1; i <= 3; i++) await send(ben.id, withBen, `m${i}`);
    const groupSeq = (await summarize(context, group, ana.id)).lastSeq;

    const upToDate = { [withBen]: 3, [group]: groupSeq };
    const { result: page, reads } = await readsDuring(() => syncMessages(context, ana.id, { cursors: upToDate, limit: 200 }));
    // The conversation list, then the summaries: nothing per conversation.
    expect(reads).toBe(4);
    expect(page.conversations.map((c) => [c.conversation.id, c.messages, c.hasMore])).toEqual([
      [withBen, [], false],
      [group, [], false],
    ]);

    // Behind: pages of at most `limit` across the conversations, most recent first.
    const behind = await syncMessages(context, ana.id, { cursors: { [withBen]: 1, [group]: 0 }, limit: 3 });
    expect(behind.conversations.map((c) => [c.messages.map((m) => m.seq), c.hasMore])).toEqual([
      [[2, 3], false],
      [[1], groupSeq > 1],
    ]);
    // Unknown to the device: the latest page, and "more" only when the budget ran out before it.
    const fresh = await syncMessages(context, ana.id, { cursors: {}, limit: 3 });
    expect(fresh.conversations.map((c) => [c.messages.map((m) => m.seq), c.hasMore])).toEqual([
      [[1, 2, 3], false],
      [[], true],
    ]);
  });

  it("syncs a group someone left only up to when they left", async () => {
    const [ana, ben] = [await person("Ana"), await person("Ben")];
    const { id: group } = await createGroup(context, ana.id, { name: "Trip", description: "", participants: [ben.id] });
    await removeMember(context, ana.id, group, ben.id);
    const leftAt = (await summarize(context, group, ben.id)).lastSeq;
    await send(ana.id, group, "not for Ben");

    for (const cursors of [{}, { [group]: 0 }, { [group]: leftAt }]) {
      const [synced] = (await syncMessages(context, ben.id, { cursors, limit: 200 })).conversations;
      expect(synced.conversation.lastSeq).toBe(leftAt);
      expect(synced.messages.at(-1)?.seq ?? leftAt).toBe(leftAt);
      expect(synced.hasMore).toBe(false);
    }
  });
});
