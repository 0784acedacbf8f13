// Group chats against the real server: fan-out, catch-up, removal (also racing a send), group ticks,
// admin rules on both transports, limits, invite links, message info, concurrent admin actions and icons.
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GroupInfo, groupAvatarUrl } from "../../lib/contracts/groups";
import {
  type ChatMessage,
  type ConversationSummary,
  messageStatus,
  type ReceiptUpdate,
  type SyncPage,
} from "../../lib/contracts/messaging";
import { createUser, request, type TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { ask, collect, drained, online, openToGroups, send, until } from "../helpers/messaging";
import { type RunningServer, startServer } from "../helpers/server";

describe.each(testDatabases)("groups on $name", (database) => {
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: database.url(), GROUP_MAX_MEMBERS: "4" });
    base = server.url;
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function group(admin: TestUser, members: TestUser[], name = "Climbing") {
    const res = await request<ConversationSummary>(base, "POST", "/api/v1/groups", {
      token: admin.token,
      json: { name, participants: members.map((m) => m.userId) },
    });
    expect(res.status).toBe(201);
    return res.body;
  }
  // Strangers build the groups here: each lets anyone add them (the default is "My contacts").
  const people = (...names: string[]) =>
    Promise.all(
      names.map(async (n) => {
        const user = await createUser(base, n);
        await openToGroups(base, user);
        return user;
      }),
    );
  const history = async (user: TestUser, id: string) =>
    (await request(base, "GET", `/api/v1/conversations/${id}/messages?limit=200`, { token: user.token })).body.messages as ChatMessage[];

  it("creates a group with the creator as admin and records it in the timeline", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const g = await group(ana, [ben, cid]);
    expect(g).toMatchObject({ kind: "group", peer: null, group: { name: "Climbing", memberCount: 3, myRole: "admin" } });
    const info = await request<GroupInfo>(base, "GET", `/api/v1/groups/${g.id}`, { token: ben.token });
    expect(info.body.members.map((m) => [m.user.displayName, m.role])).toEqual([
      ["Ana", "admin"],
      ["Ben", "member"],
      ["Cid", "member"],
    ]);
    expect(info.body.inviteCode).toBeNull();
    expect((await history(cid, g.id)).map((m) => [m.type, m.text])).toEqual([
      ["system", "Ana created group “Climbing”"],
      ["system", "Ana added Ben, Cid"],
    ]);
    const bad = await request(base, "POST", "/api/v1/groups", { token: ana.token, json: { name: "  ", participants: [] } });
    expect(bad.body.error).toMatchObject({ code: "bad_request", field: "name" });
    const unknown = await request(base, "POST", "/api/v1/groups", { token: ana.token, json: { name: "X", participants: [randomUUID()] } });
    expect(unknown.status).toBe(404);
  });

  it("fans out to every device of every member, and reaches Delivered / Read only when everyone has", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const g = await group(ana, [ben, cid]);
    const [a, b] = [await online(base, ana), await online(base, ben)];
    const benSecond = await request(base, "POST", "/api/v1/auth/token", { json: { username: ben.username, password: ben.password } });
    const b2 = await online(base, { ...ben, token: benSecond.body.token });
    const [onB, onB2] = [collect<ChatMessage>(b, "message:created"), collect<ChatMessage>(b2, "message:created")];
    const receipts = collect<ReceiptUpdate>(a, "receipt:updated");
    const onB2Receipts = collect<ReceiptUpdate>(b2, "receipt:updated");
    const { message } = await send(a, g.id, "Who's in for Saturday?");
    await until(() => onB.length === 1 && onB2.length === 1);

    const status = () => messageStatus(message.seq, { group: g.group, ticks: receipts.at(-1)?.ticks ?? g.ticks });
    await ask(b, "conversation:read", { conversationId: g.id, seq: message.seq });
    // Ben's other device learns he read it; Ana hears nothing, since Cid still holds the ticks back.
    await until(() => onB2Receipts.length >= 1);
    expect(onB2Receipts.at(-1)?.mine).toEqual({ deliveredSeq: message.seq, readSeq: message.seq });
    expect(receipts).toEqual([]);
    expect(status()).toBe("sent");

    // Cid was offline: he catches up on connect, and only then is it Delivered, then Read.
    const c = await online(base, cid);
    const page = await ask<SyncPage>(c, "sync:request", {});
    const synced = page.ok ? page.data.conversations.find((x) => x.conversation.id === g.id) : undefined;
    expect(synced?.messages.at(-1)?.text).toBe("Who's in for Saturday?");
    await ask(c, "message:delivered", { conversationId: g.id, seq: message.seq });
    await until(() => status() === "delivered");
    await ask(c, "conversation:read", { conversationId: g.id, seq: message.seq });
    await until(() => status() === "read");

    const info = await request(base, "GET", `/api/v1/conversations/${g.id}/messages/${message.seq}/info`, { token: ana.token });
    expect(info.body).toMatchObject({ total: 2, deliveredCount: 2, readCount: 2, nextCursor: null });
    expect(info.body.members.every((m: { readAt: string | null }) => m.readAt)).toBe(true);
    const paged = await request(base, "GET", `/api/v1/conversations/${g.id}/messages/${message.seq}/info?limit=1`, { token: ana.token });
    expect(paged.body.members).toHaveLength(1);
    expect(paged.body.nextCursor).toBeTruthy();
    expect((await request(base, "GET", `/api/v1/conversations/${g.id}/messages/${message.seq}/info`, { token: ben.token })).status).toBe(
      403,
    );
    for (const s of [a, b, b2, c]) s.close();
  });

  it("cuts a removed member off at once, even when the removal races a send", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const g = await group(ana, [ben, cid]);
    const [b, c] = [await online(base, ben), await online(base, cid)];
    const onC = collect<ChatMessage>(c, "message:created");
    const updates = collect<ConversationSummary>(c, "conversation:updated");
    const [raced, removal] = await Promise.all([
      send(b, g.id, "racing the removal"),
      request(base, "DELETE", `/api/v1/groups/${g.id}/members/${cid.userId}`, { token: ana.token }),
    ]);
    expect(removal.status).toBe(200);
    await until(() => updates.some((u) => u.group?.myRole === null));
    const notice = (await history(ana, g.id)).find((m) => m.text === "Ana removed Cid") as ChatMessage;
    // Cid got the racing message if and only if it was stored before the removal.
    await until(() => onC.some((m) => m.id === notice.id));
    expect(onC.some((m) => m.id === raced.message.id)).toBe(raced.message.seq < notice.seq);

    await send(b, g.id, "after the removal");
    await drained(c);
    expect(onC.map((m) => m.text)).not.toContain("after the removal");
    const refused = await ask(c, "message:send", { id: randomUUID(), conversationId: g.id, text: "let me back" });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden", message: "You're no longer a member of this group" } });
    const rest = await request(base, "POST", "/api/v1/messages", {
      token: cid.token,
      json: { id: randomUUID(), conversationId: g.id, text: "hello?" },
    });
    expect(rest.status).toBe(403);
    const kept = await history(cid, g.id);
    expect(kept.at(-1)?.text).toBe("Ana removed Cid");
    expect(kept.map((m) => m.text)).not.toContain("after the removal");
    expect((await request(base, "DELETE", `/api/v1/groups/${g.id}/members/${cid.userId}`, { token: ana.token })).status).toBe(404);
    b.close();
    c.close();
  });

  it("enforces admin-only actions and settings on both transports", async () => {
    const [ana, ben, cid, dee] = await people("Ana", "Ben", "Cid", "Dee");
    const g = await group(ana, [ben]);
    const b = await online(base, ben);
    const add = await request(base, "POST", `/api/v1/groups/${g.id}/members`, { token: ben.token, json: { userId: cid.userId } });
    expect(add.status).toBe(403);
    expect(add.body.error.message).toBe("Only group admins can add participants");
    expect(await ask(b, "group:add-member", { conversationId: g.id, userId: cid.userId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect((await request(base, "POST", `/api/v1/groups/${g.id}/admins`, { token: ben.token, json: { userId: ben.userId } })).status).toBe(
      403,
    );

    await request(base, "PATCH", `/api/v1/groups/${g.id}`, { token: ana.token, json: { onlyAdminsSend: true, onlyAdminsEdit: true } });
    const blocked = await ask(b, "message:send", { id: randomUUID(), conversationId: g.id, text: "can I?" });
    expect(blocked).toMatchObject({ ok: false, error: { code: "forbidden", message: "Only admins can send messages to this group" } });
    const blockedRest = await request(base, "POST", "/api/v1/messages", {
      token: ben.token,
      json: { id: randomUUID(), conversationId: g.id, text: "can I?" },
    });
    expect(blockedRest.status).toBe(403);
    expect((await request(base, "PATCH", `/api/v1/groups/${g.id}`, { token: ben.token, json: { name: "Mine" } })).status).toBe(403);
    expect(await ask(b, "group:update", { conversationId: g.id, name: "Mine" })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    // Limit 4 on this server: Ana, Ben, Cid, Dee fit; a fifth doesn't.
    await request(base, "POST", `/api/v1/groups/${g.id}/members`, { token: ana.token, json: { userId: cid.userId } });
    expect((await request(base, "POST", `/api/v1/groups/${g.id}/members`, { token: ana.token, json: { userId: cid.userId } })).status).toBe(
      409,
    );
    await request(base, "POST", `/api/v1/groups/${g.id}/members`, { token: ana.token, json: { userId: dee.userId } });
    const [eve] = await people("Eve");
    const full = await request(base, "POST", `/api/v1/groups/${g.id}/members`, { token: ana.token, json: { userId: eve.userId } });
    expect(full.status).toBe(409);
    expect(full.body.error.message).toBe("Groups can have at most 4 members");
    const texts = (await history(ana, g.id)).map((m) => m.text);
    expect(texts).toContain("Ana changed this group's settings to allow only admins to send messages");
    expect(texts).toContain("Ana added Dee");
    b.close();
  });

  it("promotes the longest-standing member when the last admin leaves, and keeps concurrent admin actions consistent", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const g = await group(ana, [ben, cid]);
    await request(base, "POST", `/api/v1/groups/${g.id}/admins`, { token: ana.token, json: { userId: ben.userId } });
    // Two admins remove each other at once: one wins, the group keeps an admin.
    await Promise.all([
      request(base, "DELETE", `/api/v1/groups/${g.id}/members/${ben.userId}`, { token: ana.token }),
      request(base, "DELETE", `/api/v1/groups/${g.id}/members/${ana.userId}`, { token: ben.token }),
    ]);
    const info = await request<GroupInfo>(base, "GET", `/api/v1/groups/${g.id}`, { token: cid.token });
    expect(info.body.members.length).toBe(2);
    expect(info.body.members.some((m) => m.role === "admin")).toBe(true);

    const [dee, eve] = await people("Dee", "Eve");
    const h = await group(dee, [eve]);
    expect((await request(base, "POST", `/api/v1/groups/${h.id}/leave`, { token: dee.token })).status).toBe(204);
    const after = await request<GroupInfo>(base, "GET", `/api/v1/groups/${h.id}`, { token: eve.token });
    expect(after.body.members.map((m) => [m.user.displayName, m.role])).toEqual([["Eve", "admin"]]);
    expect((await request(base, "DELETE", `/api/v1/groups/${h.id}/admins/${eve.userId}`, { token: eve.token })).status).toBe(409);
  });

  it("lets people join with an invite link, from then on, until it is revoked", async () => {
    const [ana, ben, cid] = await people("Ana", "Ben", "Cid");
    const g = await group(ana, [ben], "Book club");
    await send(await online(base, ana), g.id, "before Cid joined");
    expect((await request(base, "POST", `/api/v1/groups/${g.id}/invite`, { token: ben.token })).status).toBe(403);
    const { code } = (await request(base, "POST", `/api/v1/groups/${g.id}/invite`, { token: ana.token })).body;
    const preview = await request(base, "GET", `/api/v1/invites/${code}`, { token: cid.token });
    expect(preview.body).toMatchObject({ groupId: g.id, name: "Book club", memberCount: 2, member: false });
    const joined = await request<ConversationSummary>(base, "POST", `/api/v1/invites/${code}/join`, { token: cid.token });
    expect(joined.body.group).toMatchObject({ memberCount: 3, myRole: "member" });
    expect((await history(cid, g.id)).map((m) => m.text)).toEqual(["Cid joined using this group's invite link"]);
    await request(base, "DELETE", `/api/v1/groups/${g.id}/invite`, { token: ana.token });
    const gone = await request(base, "GET", `/api/v1/invites/${code}`, { token: cid.token });
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe("This invite link is invalid or was revoked");
  });

  it("sets, serves and removes a group icon, for whoever may edit the group's info", async () => {
    const [ana, ben, cid, dee] = await people("Ana", "Ben", "Cid", "Dee");
    const g = await group(ana, [ben, cid]);
    const path = `/api/v1/groups/${g.id}/avatar`;
    const upload = (user: TestUser, bytes: Uint8Array) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "icon.png");
      return request<GroupInfo>(base, "PUT", path, { token: user.token, body: form });
    };
    const fetchAs = (user: TestUser, url: string, headers: Record<string, string> = {}) =>
      fetch(base + url, { headers: { authorization: `Bearer ${user.token}`, ...headers } });
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#e91" } })
      .png()
      .toBuffer();
    const c = await online(base, cid);
    const updates = collect<ConversationSummary>(c, "conversation:updated");

    // Any member may, while onlyAdminsEdit is off.
    const set = await upload(ben, photo);
    expect(set.status).toBe(200);
    const key = set.body.avatarKey as string;
    expect(key).toBeTruthy();
    await until(() => updates.some((u) => u.group?.avatarKey === key));
    const summary = await request<ConversationSummary>(base, "GET", `/api/v1/conversations/${g.id}`, { token: cid.token });
    expect(summary.body.group?.avatarKey).toBe(key);
    expect(summary.body.lastMessage).toMatchObject({ type: "system", text: "Ben changed the group icon" });

    const url = groupAvatarUrl(g.id, key) as string;
    const img = await fetchAs(cid, url);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/webp");
    expect(img.headers.get("cache-control")).toContain("immutable");
    expect(await sharp(Buffer.from(await img.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect((await fetchAs(cid, url, { "if-none-match": img.headers.get("etag") ?? "" })).status).toBe(304);

    // Strangers get the usual 404; something that isn't an image, 415.
    expect((await fetchAs(dee, url)).status).toBe(404);
    expect((await upload(dee, photo)).status).toBe(404);
    const notImage = await upload(ana, new TextEncoder().encode("<svg onload=alert(1)>"));
    expect(notImage.status).toBe(415);
    expect(notImage.body).toMatchObject({ error: { message: "Group icon must be a JPEG, PNG, WebP, GIF, AVIF or HEIF image" } });

    await request(base, "PATCH", `/api/v1/groups/${g.id}`, { token: ana.token, json: { onlyAdminsEdit: true } });
    const refused = await upload(ben, photo);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "forbidden", message: "Only group admins can edit this group's info" } });
    expect((await request(base, "DELETE", path, { token: ben.token })).status).toBe(403);
    // What was refused changed nothing.
    expect((await fetchAs(cid, url)).status).toBe(200);

    const removed = await request<GroupInfo>(base, "DELETE", path, { token: ana.token });
    expect(removed.status).toBe(200);
    expect(removed.body.avatarKey).toBeNull();
    expect((await fetchAs(cid, url)).status).toBe(404);
    expect((await fetchAs(cid, path)).status).toBe(404);
    // Removing again records nothing.
    expect((await request(base, "DELETE", path, { token: ana.token })).status).toBe(200);
    expect((await history(ana, g.id)).filter((m) => m.text.includes("group icon")).map((m) => m.text)).toEqual([
      "Ben changed the group icon",
      "Ana removed the group icon",
    ]);

    // Someone who left still gets the icon; a new icon gets a new key, and the old URL is no longer cacheable.
    const again = await upload(ana, photo);
    await request(base, "DELETE", `/api/v1/groups/${g.id}/members/${cid.userId}`, { token: ana.token });
    const older = groupAvatarUrl(g.id, again.body.avatarKey) as string;
    expect((await fetchAs(cid, older)).status).toBe(200);
    const newer = await upload(ana, photo);
    expect(newer.body.avatarKey).not.toBe(again.body.avatarKey);
    const stale = await fetchAs(ana, older);
    expect(stale.headers.get("etag")).toBe(`"${newer.body.avatarKey}"`);
    expect(stale.headers.get("cache-control")).toBe("private, no-cache");
    c.close();
  });
});
