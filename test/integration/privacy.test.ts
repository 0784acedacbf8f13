// Privacy against the real server, on both transports: message requests, blocking, each privacy setting
// (last seen and online with its reciprocity, profile photo, about, read receipts, who can add me to
// groups), reports and disabled accounts.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../lib/contracts/errors";
import type { ChatMessage, ConversationSummary, PresenceState } from "../../lib/contracts/messaging";
import type { BlockedContact, PrivacySettings, Report } from "../../lib/contracts/privacy";
import type { StatusFeed } from "../../lib/contracts/status";
import type { PublicUser } from "../../lib/contracts/users";
import { nextEvent, request, type TestSocket, type TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { ask, collect, drained, openDirect, openToGroups, startChat, until } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDatabases)("privacy on $name", (database) => {
  const t = useTestServer(database);
  const { people, connectAs } = t;
  let n = 0;
  const say = async (user: TestUser, target: { conversationId: string } | { to: string }, text: string) => {
    const res = await request<{ message: ChatMessage }>(t.base, "POST", "/api/v1/messages", {
      token: user.token,
      json: { id: `prv-${++n}-${Date.now()}`, text, ...target },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.message;
  };
  const chatAs = async (user: TestUser, id: string) => {
    const res = await request<{ conversations: ConversationSummary[] }>(t.base, "GET", "/api/v1/conversations", { token: user.token });
    return res.body.conversations.find((c) => c.id === id) as ConversationSummary;
  };
  const history = async (user: TestUser, id: string) =>
    (await request(t.base, "GET", `/api/v1/conversations/${id}/messages?limit=200`, { token: user.token })).body.messages as ChatMessage[];
  const read = (user: TestUser, id: string, seq: number) =>
    request(t.base, "POST", `/api/v1/conversations/${id}/read`, { token: user.token, json: { seq } });
  const setPrivacy = async (user: TestUser, changes: Partial<PrivacySettings>) => {
    const res = await request<PrivacySettings>(t.base, "PATCH", "/api/v1/users/me/privacy", { token: user.token, json: changes });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const profileOf = async (viewer: TestUser, user: TestUser) =>
    (await request<PublicUser>(t.base, "GET", `/api/v1/users/${user.userId}`, { token: viewer.token })).body;
  const presenceOf = async (socket: TestSocket, user: TestUser) => {
    const ack = await ask<PresenceState[]>(socket, "presence:subscribe", { userIds: [user.userId] });
    expect(ack.ok).toBe(true);
    return ack.ok ? ack.data.find((p) => p.userId === user.userId) : undefined;
  };
  const group = async (admin: TestUser, members: TestUser[]) =>
    request<ConversationSummary & { error: ApiErrorBody }>(t.base, "POST", "/api/v1/groups", {
      token: admin.token,
      json: { name: "Crew", participants: members.map((m) => m.userId) },
    });
  const withAbout = async (user: TestUser) => {
    await request(t.base, "PATCH", "/api/v1/users/me", { token: user.token, json: { about: "Out climbing" } });
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0a0" } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)]), "me.png");
    const res = await request(t.base, "PUT", "/api/v1/users/me/avatar", { token: user.token, body: form });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as PublicUser;
  };

  describe("message requests", () => {
    it("a stranger's first message is a request: no Delivered, Read or presence for them until it's accepted", async () => {
      const [ana, cara] = await people("Ana", "Cara");
      const caraSocket = await connectAs(cara);
      const anaSocket = await connectAs(ana);
      const first = await say(ana, { to: cara.userId }, "Hi, we met at the climbing gym");
      const chat = first.conversationId;
      expect(await chatAs(cara, chat)).toMatchObject({ request: true, unreadCount: 1 });
      expect(await chatAs(ana, chat)).toMatchObject({ request: false });

      // Cara's device has it and she reads it: Ana still sees one tick, and no presence of Cara's.
      expect((await ask(caraSocket, "message:delivered", { conversationId: chat, seq: first.seq })).ok).toBe(true);
      expect((await read(cara, chat, first.seq)).status).toBe(200);
      expect((await chatAs(ana, chat)).ticks).toEqual({ deliveredSeq: 0, readSeq: 0 });
      expect(await presenceOf(anaSocket, cara)).toEqual({ userId: cara.userId, online: false, lastSeenAt: null });

      // Accepting (over the socket here) lets both through: her next read report gives Ana blue ticks.
      const accepted = await ask<ConversationSummary>(caraSocket, "conversation:accept", { conversationId: chat });
      expect(accepted).toMatchObject({ ok: true, data: { request: false } });
      expect((await read(cara, chat, first.seq)).status).toBe(200);
      expect((await chatAs(ana, chat)).ticks).toEqual({ deliveredSeq: first.seq, readSeq: first.seq });
      expect(await presenceOf(anaSocket, cara)).toMatchObject({ online: true });
    });

    it("replying accepts a request, and people who share a group never start one", async () => {
      const [ana, ben, dan] = await people("Ana", "Ben", "Dan");
      const hello = await say(ana, { to: ben.userId }, "Hello Ben");
      await say(ben, { conversationId: hello.conversationId }, "Hi Ana");
      expect(await chatAs(ben, hello.conversationId)).toMatchObject({ request: false });

      await openToGroups(t.base, dan);
      expect((await group(ana, [dan])).status).toBe(201);
      const toDan = await say(ana, { to: dan.userId }, "From the group");
      expect(await chatAs(dan, toDan.conversationId)).toMatchObject({ request: false });

      // Accepting someone else's chat, or one that isn't a request, changes nothing.
      const res = await request(t.base, "POST", `/api/v1/conversations/${toDan.conversationId}/accept`, { token: ben.token });
      expect(res.status).toBe(404);
    });
  });

  describe("blocking", () => {
    it("a blocked person's messages stay at one tick and never reach the blocker; the blocker can't send", async () => {
      const [ana, ben] = await people("Ana", "Ben");
      const chat = (await openDirect(t.base, ana, ben)).id;
      const benSocket = await connectAs(ben);
      const anaSocket = await connectAs(ana);
      const before = await say(ana, { conversationId: chat }, "Before the block");
      expect((await read(ben, chat, before.seq)).status).toBe(200);

      const blocked = await request(t.base, "PUT", `/api/v1/users/${ana.userId}/block`, { token: ben.token });
      expect(blocked.body).toEqual({ userId: ana.userId, blocked: true });
      const arrivals = collect<ChatMessage>(benSocket, "message:created");

      // Ana is told nothing: her send is acked like any other...
      const ack = await ask<{ message: ChatMessage }>(anaSocket, "message:send", {
        id: `blocked-${n}-1`,
        conversationId: chat,
        text: "Are you there?",
      });
      expect(ack.ok).toBe(true);
      const hidden = ack.ok ? ack.data.message : (undefined as never);
      await drained(benSocket);
      // ...but Ben never gets it, on any path, and even reporting a read past it gives Ana no tick.
      expect(arrivals).toEqual([]);
      expect((await history(ben, chat)).map((m) => m.text)).toEqual(["Before the block"]);
      expect(await chatAs(ben, chat)).toMatchObject({ blocked: true, unreadCount: 0, lastMessage: { text: "Before the block" } });
      const sync = await ask(benSocket, "sync:request", { cursors: { [chat]: before.seq } });
      expect(JSON.stringify(sync)).not.toContain("Are you there?");
      expect((await read(ben, chat, hidden.seq)).status).toBe(200);
      expect((await chatAs(ana, chat)).ticks).toEqual({ deliveredSeq: before.seq, readSeq: before.seq });
      expect(await chatAs(ana, chat)).toMatchObject({ blocked: false });

      // Ben can't write to Ana until he unblocks her.
      const refused = await ask(benSocket, "message:send", { id: `blocked-${n}-2`, conversationId: chat, text: "Hi" });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: "forbidden", message: "You blocked this contact: unblock them to send a message" },
      });

      const list = await request<{ blocked: BlockedContact[] }>(t.base, "GET", "/api/v1/users/me/blocked", { token: ben.token });
      expect(list.body.blocked.map((b) => b.user.id)).toEqual([ana.userId]);

      // Unblocked (over the socket): messages flow again.
      expect(await ask(benSocket, "user:block", { userId: ana.userId, blocked: false })).toEqual({
        ok: true,
        data: { userId: ana.userId, blocked: false },
      });
      const after = await say(ana, { conversationId: chat }, "After the unblock");
      await until(() => arrivals.some((m) => m.id === after.id));
      expect((await request(t.base, "GET", "/api/v1/users/me/blocked", { token: ben.token })).body.blocked).toEqual([]);
    });

    it("hides the blocker's photo, about, presence and typing from the blocked, who can't add them to groups", async () => {
      const [ana, ben] = await people("Ana", "Ben");
      const chat = (await openDirect(t.base, ana, ben)).id;
      const benProfile = await withAbout(ben);
      const anaSocket = await connectAs(ana);
      const benSocket = await connectAs(ben);
      expect(await profileOf(ana, ben)).toMatchObject({ about: "Out climbing", avatarUrl: benProfile.avatarUrl });
      expect(await presenceOf(anaSocket, ben)).toMatchObject({ online: true });

      // Ana is watching Ben's presence when he blocks her: she's told it's gone.
      const hiddenPresence = nextEvent(anaSocket, "presence:updated");
      const profiles = collect<PublicUser>(anaSocket, "user:updated");
      expect((await ask(benSocket, "user:block", { userId: ana.userId, blocked: true })).ok).toBe(true);
      expect((await hiddenPresence)[0]).toEqual({ userId: ben.userId, online: false, lastSeenAt: null });
      await until(() => profiles.length > 0);
      expect(profiles.at(-1)).toMatchObject({ id: ben.userId, about: "", avatarUrl: null });

      expect(await profileOf(ana, ben)).toMatchObject({ about: "", avatarUrl: null });
      expect((await request(t.base, "GET", benProfile.avatarUrl as string, { token: ana.token })).status).toBe(404);
      expect(await presenceOf(anaSocket, ben)).toEqual({ userId: ben.userId, online: false, lastSeenAt: null });
      expect((await chatAs(ana, chat)).peer).toMatchObject({ about: "", avatarUrl: null });
      const typing = collect(benSocket, "typing:updated");
      anaSocket.emit("typing:start", { conversationId: chat });
      await sleep(300);
      expect(typing).toEqual([]);

      const added = await group(ana, [ben]);
      expect(added.status).toBe(403);
      expect(added.body.error.message).toMatch(/can't be added to groups by you/);
      // Everyone else still sees Ben as he is.
      const [cara] = await people("Cara");
      expect(await profileOf(cara, ben)).toMatchObject({ about: "Out climbing" });
    });
  });

  describe("privacy settings", () => {
    it("last seen and online: everyone, my contacts or nobody, and reciprocal", async () => {
      const [ana, ben, cara] = await people("Ana", "Ben", "Cara");
      await openDirect(t.base, ana, ben);
      // Cara shares a group with Ben (so she may follow his presence) but isn't his contact.
      await openToGroups(t.base, ben);
      expect((await group(cara, [ben])).status).toBe(201);
      const anaSocket = await connectAs(ana);
      const caraSocket = await connectAs(cara);
      await connectAs(ben);
      expect(await presenceOf(caraSocket, ben)).toMatchObject({ online: true });

      // Cara is watching when Ben narrows it to his contacts (over REST): she's told it's gone, Ana isn't.
      const caraHears = nextEvent(caraSocket, "presence:updated");
      expect(await setPrivacy(ben, { lastSeen: "contacts" })).toMatchObject({ lastSeen: "contacts" });
      expect((await caraHears)[0]).toEqual({ userId: ben.userId, online: false, lastSeenAt: null });
      expect(await presenceOf(caraSocket, ben)).toMatchObject({ online: false, lastSeenAt: null });
      expect(await presenceOf(anaSocket, ben)).toMatchObject({ online: true });

      // Reciprocity: Ana hides hers (over the socket) and so no longer sees Ben's.
      expect(await ask(anaSocket, "privacy:update", { lastSeen: "nobody" })).toMatchObject({ ok: true, data: { lastSeen: "nobody" } });
      expect(await presenceOf(anaSocket, ben)).toEqual({ userId: ben.userId, online: false, lastSeenAt: null });

      // Opening it up again lets Cara back in, live.
      const caraBack = nextEvent(caraSocket, "presence:updated");
      await setPrivacy(ben, { lastSeen: "everyone" });
      expect((await caraBack)[0]).toMatchObject({ userId: ben.userId, online: true });
    });

    it("profile photo and about: everyone, my contacts or nobody", async () => {
      const [ana, ben, cara] = await people("Ana", "Ben", "Cara");
      await openDirect(t.base, ana, ben);
      // Cara is in a group with Ben (so she hears of his profile changes) but isn't his contact.
      await openToGroups(t.base, ben);
      expect((await group(cara, [ben])).status).toBe(201);
      const full = await withAbout(ben);
      const caraSocket = await connectAs(cara);
      const pushed = collect<PublicUser>(caraSocket, "user:updated");

      await setPrivacy(ben, { photo: "contacts", about: "nobody" });
      expect(await profileOf(ana, ben)).toMatchObject({ about: "", avatarUrl: full.avatarUrl });
      expect(await profileOf(cara, ben)).toMatchObject({ about: "", avatarUrl: null });
      expect((await request(t.base, "GET", full.avatarUrl as string, { token: cara.token })).status).toBe(404);
      expect((await request(t.base, "GET", full.avatarUrl as string, { token: ana.token })).status).toBe(200);
      await until(() => pushed.some((u) => u.id === ben.userId));
      expect(pushed.filter((u) => u.id === ben.userId).at(-1)).toMatchObject({ about: "", avatarUrl: null });
      const search = await request<PublicUser[]>(t.base, "GET", `/api/v1/users?query=${ben.username}`, { token: cara.token });
      expect(JSON.stringify(search.body)).not.toContain("Out climbing");
      // Ben himself always sees all of it.
      expect(await profileOf(ben, ben)).toMatchObject({ about: "Out climbing", avatarUrl: full.avatarUrl });
    });

    it("read receipts off: nobody gets Read from me in one-to-one chats, I see none, and groups still have them", async () => {
      const [ana, ben] = await people("Ana", "Ben");
      const chat = (await openDirect(t.base, ana, ben)).id;
      const benSocket = await connectAs(ben);
      expect(await ask(benSocket, "privacy:update", { readReceipts: false })).toMatchObject({ ok: true, data: { readReceipts: false } });

      const hello = await say(ana, { conversationId: chat }, "Read this");
      expect((await read(ben, chat, hello.seq)).status).toBe(200);
      expect((await chatAs(ana, chat)).ticks).toEqual({ deliveredSeq: hello.seq, readSeq: 0 });
      const info = await request(t.base, "GET", `/api/v1/conversations/${chat}/messages/${hello.seq}/info`, { token: ana.token });
      expect(info.body).toMatchObject({ deliveredCount: 1, readCount: 0, members: [{ readAt: null }] });
      // Nor does Ben see Ana's reads.
      const reply = await say(ben, { conversationId: chat }, "Read mine");
      expect((await read(ana, chat, reply.seq)).status).toBe(200);
      expect((await chatAs(ben, chat)).ticks.readSeq).toBe(0);

      const crew = (await group(ana, [ben])).body.id;
      const inGroup = await say(ana, { conversationId: crew }, "Group news");
      expect((await read(ben, crew, inGroup.seq)).status).toBe(200);
      expect((await chatAs(ana, crew)).ticks.readSeq).toBe(inGroup.seq);

      // Back on: the chat shows its reads again.
      await setPrivacy(ben, { readReceipts: true });
      expect((await chatAs(ana, chat)).ticks.readSeq).toBeGreaterThanOrEqual(hello.seq);
    });

    it("who can add me to groups: my contacts by default, or everyone", async () => {
      const [ana, ben, cara, dan] = await people("Ana", "Ben", "Cara", "Dan");
      await openDirect(t.base, ana, ben);
      expect((await group(ana, [ben])).status).toBe(201);
      const refused = await group(cara, [ben]);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ field: "participants" });
      expect(refused.body.error.message).toContain("invite link");
      // Adding to an existing group is refused the same way, over the socket too.
      const crew = (await group(cara, [])).body.id;
      const caraSocket = await connectAs(cara);
      expect(await ask(caraSocket, "group:add-member", { conversationId: crew, userId: ben.userId })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      // "Everyone" lets a stranger add him (over the socket too).
      const benSocket = await connectAs(ben);
      expect(await ask(benSocket, "privacy:update", { groups: "everyone" })).toMatchObject({ ok: true });
      expect((await group(dan, [ben])).status).toBe(201);
    });

    it("refuses bad settings with a clear error", async () => {
      const [ana] = await people("Ana");
      const bad = await request(t.base, "PATCH", "/api/v1/users/me/privacy", { token: ana.token, json: { lastSeen: "friends" } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ field: "lastSeen", message: "lastSeen must be one of everyone, contacts, nobody" });
      const unknown = await request(t.base, "PATCH", "/api/v1/users/me/privacy", { token: ana.token, json: { colour: "red" } });
      expect(unknown.status).toBe(400);
      expect((await request(t.base, "PUT", `/api/v1/users/${ana.userId}/block`, { token: ana.token })).status).toBe(400);
      expect((await request(t.base, "PUT", "/api/v1/users/nobody-at-all/block", { token: ana.token })).status).toBe(404);
      expect((await request(t.base, "GET", "/api/v1/users/me/privacy", { token: ana.token })).body).toMatchObject({
        lastSeen: "everyone",
        groups: "contacts",
        readReceipts: true,
        status: "contacts",
      });
    });
  });

  describe("reports and disabled accounts", () => {
    it("a report carries the chat's last messages to the admins, who can disable the account", async () => {
      const [root, ana, cara] = await people("Root", "Ana", "Cara");
      await t.db.run(`UPDATE "User" SET "isAdmin" = true WHERE "id" = ?`, [root.userId]);
      const seqs: number[] = [];
      let chat = "";
      for (const text of ["Buy followers", "Cheap!", "Click here", "Now", "Last chance", "Really"]) {
        const m = await say(ana, chat ? { conversationId: chat } : { to: cara.userId }, text);
        chat = m.conversationId;
        seqs.push(m.seq);
      }
      const report = await request(t.base, "POST", "/api/v1/reports", {
        token: cara.token,
        json: { conversationId: chat, reason: "Spam", seqs: seqs.slice(-5), block: true },
      });
      expect(report.status, JSON.stringify(report.body)).toBe(201);
      expect((await request(t.base, "GET", "/api/v1/users/me/blocked", { token: cara.token })).body.blocked).toHaveLength(1);
      const tooMany = await request(t.base, "POST", "/api/v1/reports", { token: cara.token, json: { conversationId: chat, seqs } });
      expect(tooMany.status).toBe(400);
      expect((await request(t.base, "POST", "/api/v1/reports", { token: root.token, json: { conversationId: chat } })).status).toBe(404);

      expect((await request(t.base, "GET", "/api/v1/reports", { token: cara.token })).status).toBe(403);
      const listed = await request<{ reports: Report[] }>(t.base, "GET", "/api/v1/reports", { token: root.token });
      const mine = listed.body.reports.find((r) => r.id === report.body.id) as Report;
      expect(mine).toMatchObject({
        reporter: { id: cara.userId },
        target: { id: ana.userId, disabled: false },
        reason: "Spam",
        resolvedAt: null,
      });
      expect(mine.messages.map((m) => m.text)).toEqual(["Cheap!", "Click here", "Now", "Last chance", "Really"]);
      expect(mine.messages[0]).toMatchObject({ senderName: "Ana" });

      // Disabling signs Ana out everywhere at once and keeps her out.
      const anaSocket = await connectAs(ana);
      const revoked = nextEvent(anaSocket, "session:revoked");
      expect((await request(t.base, "PUT", `/api/v1/users/${ana.userId}/disabled`, { token: cara.token })).status).toBe(403);
      expect((await request(t.base, "PUT", `/api/v1/users/${ana.userId}/disabled`, { token: root.token })).body).toEqual({
        userId: ana.userId,
        disabled: true,
      });
      await revoked;
      expect((await request(t.base, "GET", "/api/v1/users/me", { token: ana.token })).status).toBe(401);
      const signIn = await request(t.base, "POST", "/api/v1/auth/token", { json: { username: ana.username, password: ana.password } });
      expect(signIn.status).toBe(403);
      expect(signIn.body.error.message).toBe("This account has been disabled by the server's admins");
      const wrong = await request(t.base, "POST", "/api/v1/auth/token", { json: { username: ana.username, password: "not her password" } });
      expect(wrong.status).toBe(401);
      const after = await request<{ reports: Report[] }>(t.base, "GET", "/api/v1/reports", { token: root.token });
      expect(after.body.reports.find((r) => r.id === report.body.id)).toMatchObject({ target: { disabled: true } });
      expect(after.body.reports.find((r) => r.id === report.body.id)?.resolvedAt).not.toBeNull();
      expect((await request(t.base, "PUT", `/api/v1/users/${root.userId}/disabled`, { token: root.token })).status).toBe(409);

      // Enabled again, she can sign in.
      await request(t.base, "DELETE", `/api/v1/users/${ana.userId}/disabled`, { token: root.token });
      expect(
        (await request(t.base, "POST", "/api/v1/auth/token", { json: { username: ana.username, password: ana.password } })).status,
      ).toBe(200);
    });

    it("reports a group over the socket, and admins dismiss reports", async () => {
      const [root, ana, ben] = await people("Root", "Ana", "Ben");
      await t.db.run(`UPDATE "User" SET "isAdmin" = true WHERE "id" = ?`, [root.userId]);
      await openToGroups(t.base, ben);
      const crew = (await group(ana, [ben])).body.id;
      const m = await say(ana, { conversationId: crew }, "Group spam");
      const benSocket = await connectAs(ben);
      const ack = await ask<{ id: string }>(benSocket, "report:create", { conversationId: crew, seqs: [m.seq] });
      expect(ack.ok).toBe(true);
      const id = ack.ok ? ack.data.id : "";
      const listed = await request<{ reports: Report[] }>(t.base, "GET", "/api/v1/reports", { token: root.token });
      expect(listed.body.reports.find((r) => r.id === id)).toMatchObject({
        target: null,
        groupName: "Crew",
        messages: [{ text: "Group spam" }],
      });
      expect((await request(t.base, "POST", `/api/v1/reports/${id}/resolve`, { token: root.token })).status).toBe(204);
      expect((await request(t.base, "POST", "/api/v1/reports/missing/resolve", { token: root.token })).status).toBe(404);
    });
  });

  describe("consent: only what I did makes someone my contact", () => {
    it("a stranger who added me to a group, chatted while we shared it and left sees nothing of mine for contacts", async () => {
      const [ben, mal, ana] = await people("Ben", "Mal", "Ana");
      const benSocket = await connectAs(ben);
      const malSocket = await connectAs(mal);
      // Ben keeps his photo, about, last seen and status updates for his contacts; Ana is one.
      const full = await withAbout(ben);
      await setPrivacy(ben, { photo: "contacts", about: "contacts", lastSeen: "contacts" });
      await openDirect(t.base, ana, ben);
      const status = await request(t.base, "POST", "/api/v1/statuses", {
        token: ben.token,
        json: { id: `st-${Date.now()}`, kind: "text", text: "On the wall" },
      });
      expect(status.status, JSON.stringify(status.body)).toBe(201);
      const statusesOf = async (viewer: TestUser) =>
        (await request<StatusFeed>(t.base, "GET", "/api/v1/statuses", { token: viewer.token })).body.updates.filter(
          (u) => u.user.id === ben.userId,
        );
      expect(await statusesOf(ana)).toHaveLength(1);

      // By default a stranger can't add Ben to a group at all.
      expect((await group(mal, [ben])).status).toBe(403);

      // Ben lets anyone add him: Mal adds him, opens a chat (no request: they share a group), writes, and leaves.
      await openToGroups(t.base, ben);
      const crew = await group(mal, [ben]);
      expect(crew.status).toBe(201);
      const chat = await startChat(t.base, mal, ben);
      await say(mal, { conversationId: chat.id }, "Hey, from the group");
      expect(await chatAs(ben, chat.id)).toMatchObject({ request: false });
      expect((await request(t.base, "POST", `/api/v1/groups/${crew.body.id}/leave`, { token: mal.token })).status).toBe(204);

      // Mal is still not Ben's contact: no photo, about, last seen, presence or status updates.
      expect(await profileOf(mal, ben)).toMatchObject({ about: "", avatarUrl: null });
      expect((await request(t.base, "GET", full.avatarUrl as string, { token: mal.token })).status).toBe(404);
      expect((await chatAs(mal, chat.id)).peer).toMatchObject({ about: "", avatarUrl: null });
      expect(await presenceOf(malSocket, ben)).toEqual({ userId: ben.userId, online: false, lastSeenAt: null });
      expect(await statusesOf(mal)).toEqual([]);
      // Nor can Mal add him to groups once he is back to "My contacts".
      expect((await ask(benSocket, "privacy:update", { groups: "contacts" })).ok).toBe(true);
      expect((await group(mal, [ben])).status).toBe(403);

      // Ben replying is his own act: Mal is his contact from then on, told at once and read at once.
      const malHears = collect<PublicUser>(malSocket, "user:updated");
      await say(ben, { conversationId: chat.id }, "Hi Mal");
      await until(() => malHears.some((u) => u.id === ben.userId && u.about === "Out climbing"));
      expect(await profileOf(mal, ben)).toMatchObject({ about: "Out climbing", avatarUrl: full.avatarUrl });
      expect(await statusesOf(mal)).toHaveLength(1);
      expect((await group(mal, [ben])).status).toBe(201);
    });

    it("accepting a request or opening the chat from New chat is consent; being written to is not", async () => {
      const [ben, cara, dan] = await people("Ben", "Cara", "Dan");
      await withAbout(ben);
      await setPrivacy(ben, { about: "contacts" });
      const fromCara = await say(cara, { to: ben.userId }, "Hello?");
      await say(cara, { conversationId: fromCara.conversationId }, "Anyone there?");
      expect(await profileOf(cara, ben)).toMatchObject({ about: "" });
      expect((await request(t.base, "POST", `/api/v1/conversations/${fromCara.conversationId}/accept`, { token: ben.token })).status).toBe(
        200,
      );
      expect(await profileOf(cara, ben)).toMatchObject({ about: "Out climbing" });

      await startChat(t.base, ben, dan);
      expect(await profileOf(dan, ben)).toMatchObject({ about: "Out climbing" });
    });
  });

  it("a stranger's chat the recipient opened on purpose is accepted", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await startChat(t.base, ana, ben);
    expect((await chatAs(ben, chat.id)).request).toBe(true);
    await startChat(t.base, ben, ana);
    expect((await chatAs(ben, chat.id)).request).toBe(false);
  });
});
