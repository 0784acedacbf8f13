// Status updates against the real server on both transports: who sees them (contacts, "except" and
// "only" lists, blocks) over REST and in pushes, views listed to the poster only, replies quoting a status
// in the 1:1 chat, deleting early and expiry (on a clock the test moves) with their media really removed,
// idempotent retries and bad input.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../lib/contracts/messaging";
import type { StatusAudience } from "../../lib/contracts/privacy";
import type { Status, StatusFeed, StatusRemoved, StatusViewed, StatusViewer } from "../../lib/contracts/status";
import { request, type TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { ask, collect, drained, openDirect, until } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const HOUR = 3_600_000;

describe.each(testDatabases)("status updates on $name", (database) => {
  const t = useTestServer(database, { STATUS_SWEEP_SECONDS: "1" });
  const { people, connectAs, uploadPhoto, advance } = t;
  let n = 0;
  const post = (user: TestUser, body: Record<string, unknown>) =>
    request(t.base, "POST", "/api/v1/statuses", {
      token: user.token,
      json: { id: `st-${++n}-${Date.now()}`, ...body },
    });
  const postText = async (user: TestUser, text: string) => {
    const res = await post(user, { kind: "text", text });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.status;
  };
  const feed = async (user: TestUser) => (await request<StatusFeed>(t.base, "GET", "/api/v1/statuses", { token: user.token })).body;
  /** The statuses of `owner` that `viewer`'s feed shows. */
  const seenOf = async (viewer: TestUser, owner: TestUser) =>
    (await feed(viewer)).updates.find((u) => u.user.id === owner.userId)?.statuses.map((s) => s.text) ?? [];
  const stored = (sha256: string) =>
    readdirSync(path.join(t.dataDir, "media"), { recursive: true }).some((f) => String(f).endsWith(sha256));
  const download = async (user: TestUser, fileId: string) =>
    (await request(t.base, "GET", `/api/v1/media/${fileId}`, { token: user.token })).status;
  /** The poster's status audience setting and list, through the privacy settings endpoint. */
  const setAudience = async (user: TestUser, status: StatusAudience, list: TestUser[] = []) => {
    const ids = list.map((u) => u.userId);
    const changes = { status, ...(status === "except" ? { statusExcept: ids } : status === "only" ? { statusOnly: ids } : {}) };
    const res = await request(t.base, "PATCH", "/api/v1/users/me/privacy", { token: user.token, json: changes });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const block = async (user: TestUser, other: TestUser) =>
    expect((await request(t.base, "PUT", `/api/v1/users/${other.userId}/block`, { token: user.token })).status).toBe(200);

  it("shows a status to the poster's contacts only, over REST and live", async () => {
    const [ana, ben, cara] = await people("Ana", "Ben", "Cara");
    await openDirect(t.base, ana, ben);
    const [b, c] = [await connectAs(ben), await connectAs(cara)];
    const [toBen, toCara] = [collect<Status>(b, "status:posted"), collect<Status>(c, "status:posted")];

    const status = await postText(ana, "Off to the mountains");
    expect(status).toMatchObject({ userId: ana.userId, kind: "text", text: "Off to the mountains", background: "#128c7e", font: "sans" });
    expect(Date.parse(status.expiresAt) - Date.parse(status.createdAt)).toBe(24 * HOUR);
    await until(() => toBen.length === 1);
    expect(toBen[0]).toMatchObject({ id: status.id, text: "Off to the mountains", viewed: false });

    const bens = await feed(ben);
    expect(bens.updates).toHaveLength(1);
    expect(bens.updates[0]).toMatchObject({ user: { id: ana.userId, displayName: "Ana" }, allViewed: false });
    expect(bens.updates[0].statuses.map((s) => s.id)).toEqual([status.id]);
    expect((await feed(ana)).mine.map((s) => s.text)).toEqual(["Off to the mountains"]);

    // Cara has no chat with Ana: nothing in her feed, no push, and the status doesn't exist for her.
    expect((await feed(cara)).updates).toEqual([]);
    expect((await request(t.base, "POST", `/api/v1/statuses/${status.id}/views`, { token: cara.token })).status).toBe(404);
    const caraReply = await request(t.base, "POST", "/api/v1/messages", {
      token: cara.token,
      json: { id: `st-reply-${++n}`, to: ana.userId, text: "hi", statusId: status.id },
    });
    expect(caraReply.status).toBe(404);
    await drained(c);
    expect(toCara).toEqual([]);

    // A photo: Ben may download it, Cara may not.
    const photo = await uploadPhoto(ana, "#0af");
    const shown = await post(ana, { kind: "image", fileId: photo.fileId, text: "The view" });
    expect(shown.status).toBe(201);
    expect(shown.body.status.file).toMatchObject({ fileId: photo.fileId, mime: "image/png", width: 40, height: 30 });
    expect(await download(ben, photo.fileId)).toBe(200);
    expect(await download(cara, photo.fileId)).toBe(404);
    await until(() => toBen.length === 2);
    expect(toCara).toEqual([]);
  });

  it("honours 'my contacts except' and 'only share with' lists, and blocks", async () => {
    const [ana, ben, cara, dan] = await people("Ana", "Ben", "Cara", "Dan");
    await openDirect(t.base, ana, ben);
    await openDirect(t.base, cara, ana);
    const [b, c, d] = [await connectAs(ben), await connectAs(cara), await connectAs(dan)];
    const [toBen, toCara, toDan] = [
      collect<Status>(b, "status:posted"),
      collect<Status>(c, "status:posted"),
      collect<Status>(d, "status:posted"),
    ];

    await setAudience(ana, "except", [cara]);
    const first = await postText(ana, "except Cara");
    expect(await seenOf(ben, ana)).toEqual(["except Cara"]);
    expect(await seenOf(cara, ana)).toEqual([]);
    await until(() => toBen.length === 1);

    // "Only share with" Dan (not even a contact) and Cara: Ben no longer sees even the earlier status.
    await setAudience(ana, "only", [dan, cara]);
    await postText(ana, "only Dan and Cara");
    expect(await seenOf(ben, ana)).toEqual([]);
    expect(await seenOf(dan, ana)).toEqual(["except Cara", "only Dan and Cara"]);
    expect(await seenOf(cara, ana)).toEqual(["except Cara", "only Dan and Cara"]);
    await until(() => toDan.length === 1 && toCara.length === 1);
    expect(toBen).toHaveLength(1);
    expect((await request(t.base, "POST", `/api/v1/statuses/${first.id}/views`, { token: ben.token })).status).toBe(404);

    // Blocking Cara hides every status of Ana's from her, whatever the lists say.
    await block(ana, cara);
    expect(await seenOf(cara, ana)).toEqual([]);
    await postText(ana, "after the block");
    await until(() => toDan.length === 2);
    expect(toCara).toHaveLength(1);
    expect((await request(t.base, "POST", `/api/v1/statuses/${first.id}/views`, { token: cara.token })).status).toBe(404);
    await setAudience(ana, "contacts");
    expect(await seenOf(ben, ana)).toEqual(["except Cara", "only Dan and Cara", "after the block"]);
    expect(await seenOf(dan, ana)).toEqual([]);
  });

  it("records views once and lists them to the poster only, live", async () => {
    const [ana, ben, eve] = await people("Ana", "Ben", "Eve");
    await openDirect(t.base, ana, ben);
    await openDirect(t.base, ana, eve);
    const status = await postText(ana, "Guess where I am");
    const a = await connectAs(ana);
    const viewed = collect<StatusViewed>(a, "status:viewed");

    const view = await request<StatusViewed>(t.base, "POST", `/api/v1/statuses/${status.id}/views`, { token: ben.token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ statusId: status.id, ownerId: ana.userId, user: { id: ben.userId } });
    await until(() => viewed.length === 1);
    expect(viewed[0]).toMatchObject({ statusId: status.id, user: { id: ben.userId, displayName: "Ben" }, viewedAt: view.body.viewedAt });

    // Again, over the socket: the first time stands, nobody is told twice.
    const b = await connectAs(ben);
    const again = await ask<StatusViewed>(b, "status:view", { statusId: status.id });
    expect(again).toMatchObject({ ok: true, data: { viewedAt: view.body.viewedAt } });
    const eveView = await ask<StatusViewed>(await connectAs(eve), "status:view", { statusId: status.id });
    expect(eveView.ok).toBe(true);
    await until(() => viewed.length === 2);
    await drained(a);
    expect(viewed.map((v) => v.user.id)).toEqual([ben.userId, eve.userId]);

    const list = await request<{ viewers: StatusViewer[] }>(t.base, "GET", `/api/v1/statuses/${status.id}/views`, { token: ana.token });
    expect(list.body.viewers.map((v) => v.user.displayName)).toEqual(["Eve", "Ben"]);
    expect(list.body.viewers[1].viewedAt).toBe(view.body.viewedAt);
    expect((await feed(ana)).mine.find((s) => s.id === status.id)?.viewCount).toBe(2);
    expect((await feed(ben)).updates.find((u) => u.user.id === ana.userId)).toMatchObject({
      allViewed: true,
      statuses: [{ viewed: true }],
    });
    // Nobody but the poster sees who viewed.
    expect((await request(t.base, "GET", `/api/v1/statuses/${status.id}/views`, { token: ben.token })).status).toBe(404);
  });

  it("sends a reply quoting the status into the 1:1 chat", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const photo = await uploadPhoto(ana, "#f0a");
    const status = (await post(ana, { kind: "image", fileId: photo.fileId, text: "Sunset" })).body.status;
    const text = await postText(ana, "Coffee?");
    const a = await connectAs(ana);
    const arrived = collect<ChatMessage>(a, "message:created");

    const reply = await request<{ message: ChatMessage }>(t.base, "POST", "/api/v1/messages", {
      token: ben.token,
      json: { id: `st-reply-${++n}`, to: ana.userId, text: "Gorgeous!", statusId: status.id },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.message).toMatchObject({
      conversationId: chat.id,
      text: "Gorgeous!",
      status: {
        statusId: status.id,
        userId: ana.userId,
        kind: "image",
        text: "Sunset",
        thumbnail: expect.stringMatching(/^data:image\/webp/),
      },
    });
    await until(() => arrived.length === 1);
    expect(arrived[0].status?.statusId).toBe(status.id);

    const b = await connectAs(ben);
    const overSocket = await ask<{ message: ChatMessage }>(b, "message:send", {
      id: `st-reply-${++n}`,
      to: ana.userId,
      text: "Yes!",
      statusId: text.id,
    });
    expect(overSocket.ok && overSocket.data.message.status).toMatchObject({
      kind: "text",
      text: "Coffee?",
      background: "#128c7e",
      font: "sans",
      thumbnail: null,
    });
    const history = (await request(t.base, "GET", `/api/v1/conversations/${chat.id}/messages`, { token: ana.token })).body
      .messages as ChatMessage[];
    expect(history.map((m) => [m.text, m.status?.text])).toEqual([
      ["Gorgeous!", "Sunset"],
      ["Yes!", "Coffee?"],
    ]);

    const toOwn = await request(t.base, "POST", "/api/v1/messages", {
      token: ana.token,
      json: { id: `st-reply-${++n}`, to: ben.userId, text: "me", statusId: text.id },
    });
    expect(toOwn.status).toBe(400);
    expect(toOwn.body.error.message).toBe("You can't reply to your own status");
    const noTarget = await request(t.base, "POST", "/api/v1/messages", {
      token: ben.token,
      json: { id: `st-reply-${++n}`, conversationId: chat.id, text: "?", statusId: text.id },
    });
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.error.field).toBe("statusId");
  });

  it("deletes a status early with its media, and tells those who may hold it", async () => {
    const [ana, ben, eve] = await people("Ana", "Ben", "Eve");
    await openDirect(t.base, ana, ben);
    const photo = await uploadPhoto(ana, "#3c9");
    const status = (await post(ana, { kind: "image", fileId: photo.fileId })).body.status;
    expect(stored(photo.sha256)).toBe(true);
    const b = await connectAs(ben);
    const removed = collect<StatusRemoved>(b, "status:removed");

    expect((await request(t.base, "DELETE", `/api/v1/statuses/${status.id}`, { token: ben.token })).status).toBe(404);
    expect((await request(t.base, "DELETE", `/api/v1/statuses/${status.id}`, { token: eve.token })).status).toBe(404);
    const gone = await request<StatusRemoved>(t.base, "DELETE", `/api/v1/statuses/${status.id}`, { token: ana.token });
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ userId: ana.userId, statusIds: [status.id] });
    await until(() => removed.length === 1);
    expect(removed[0]).toEqual({ userId: ana.userId, statusIds: [status.id] });
    expect(await seenOf(ben, ana)).toEqual([]);
    expect(stored(photo.sha256)).toBe(false);
    expect(await t.db.get(`SELECT "id" FROM "MediaUpload" WHERE "id" = ?`, [photo.fileId])).toBeUndefined();
    expect(await download(ana, photo.fileId)).toBe(404);
    expect((await request(t.base, "DELETE", `/api/v1/statuses/${status.id}`, { token: ana.token })).status).toBe(404);

    // A photo also sent in the chat: deleting the message for everyone leaves the status's copy alone.
    const chat = (await openDirect(t.base, ana, ben)).id;
    const both = await uploadPhoto(ana, "#93c");
    const shown = (await post(ana, { kind: "image", fileId: both.fileId })).body.status;
    const sent = await request(t.base, "POST", "/api/v1/messages", {
      token: ana.token,
      json: { id: `st-msg-${++n}`, conversationId: chat, type: "image", fileId: both.fileId },
    });
    await request(t.base, "DELETE", `/api/v1/conversations/${chat}/messages/${sent.body.message.seq}?for=everyone`, { token: ana.token });
    expect(stored(both.sha256)).toBe(true);
    expect(await download(ben, both.fileId)).toBe(200);
    await request(t.base, "DELETE", `/api/v1/statuses/${shown.id}`, { token: ana.token });
    expect(stored(both.sha256)).toBe(false);

    // Over the socket too.
    const a = await connectAs(ana);
    const text = await postText(ana, "brief");
    expect(await ask(a, "status:delete", { statusId: text.id })).toEqual({ ok: true, data: { userId: ana.userId, statusIds: [text.id] } });
    await until(() => removed.length === 3);
  });

  it("retries with the same client id return the first status, and bad input is refused clearly", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    await openDirect(t.base, ana, ben);
    const b = await connectAs(ben);
    const pushed = collect<Status>(b, "status:posted");
    const body = { id: `st-retry-${++n}-${Date.now()}`, kind: "text", text: "Once", background: "#7e57c2", font: "serif" };
    const first = await request(t.base, "POST", "/api/v1/statuses", { token: ana.token, json: body });
    const retry = await request(t.base, "POST", "/api/v1/statuses", { token: ana.token, json: body });
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body).toMatchObject({ duplicate: true, status: { id: first.body.status.id, background: "#7e57c2", font: "serif" } });
    const a = await connectAs(ana);
    const overSocket = await ask<{ status: Status; duplicate: boolean }>(a, "status:post", body);
    expect(overSocket).toMatchObject({ ok: true, data: { duplicate: true, status: { id: first.body.status.id } } });
    await drained(b);
    expect(pushed).toHaveLength(1);
    expect((await feed(ana)).mine.filter((s) => s.text === "Once")).toHaveLength(1);

    const refused = async (json: Record<string, unknown>, status: number, message: string | RegExp) => {
      const res = await post(ana, json);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.message).toMatch(message);
    };
    await refused({ kind: "text", text: "  " }, 400, "Status text can't be empty");
    await refused({ kind: "text", text: "x".repeat(701) }, 413, "Status text can be at most 700 characters");
    await refused({ kind: "text", text: "hi", background: "#000000" }, 400, "background must be one of the status colours");
    await refused({ kind: "text", text: "hi", font: "comic" }, 400, /font must be one of sans, serif/);
    await refused({ kind: "gif", text: "hi" }, 400, "kind must be one of text, image, video");
    await refused({ kind: "image" }, 400, "A photo status needs the fileId of an upload");
    await refused({ kind: "text", text: "hi", fileId: "x" }, 400, "A text status carries no file");
    const bens = await uploadPhoto(ben, "#123");
    await refused({ kind: "image", fileId: bens.fileId }, 403, "You can't send that file: upload it first");
    const photo = await uploadPhoto(ana, "#456");
    await refused({ kind: "video", fileId: photo.fileId }, 400, "That file was uploaded as an image: it can't be sent as video");
    const badId = await request(t.base, "POST", "/api/v1/statuses", { token: ana.token, json: { id: "x", kind: "text", text: "hi" } });
    expect(badId.status).toBe(400);
    expect(badId.body.error.field).toBe("id");
    expect((await request(t.base, "GET", "/api/v1/statuses", {})).status).toBe(401);
    expect((await request(t.base, "POST", "/api/v1/statuses/nope/views", { token: ana.token })).status).toBe(404);
    expect(await ask(a, "status:post", { id: `st-bad-${++n}`, kind: "text" })).toMatchObject({
      ok: false,
      error: { code: "bad_request", message: "Status text can't be empty" },
    });
  });

  // Last: it moves the server's clock a day on, past every status above.
  it("removes statuses after 24 hours with their views and media; a file also sent in a chat stays", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const only = await uploadPhoto(ana, "#a11");
    const shared = await uploadPhoto(ana, "#1a1");
    const first = (await post(ana, { kind: "image", fileId: only.fileId })).body.status;
    const second = (await post(ana, { kind: "image", fileId: shared.fileId })).body.status;
    const sent = await request(t.base, "POST", "/api/v1/messages", {
      token: ana.token,
      json: { id: `st-msg-${++n}`, conversationId: chat.id, type: "image", fileId: shared.fileId },
    });
    expect(sent.status).toBe(201);
    await request(t.base, "POST", `/api/v1/statuses/${first.id}/views`, { token: ben.token });
    const b = await connectAs(ben);
    const removed = collect<StatusRemoved>(b, "status:removed");

    advance(23 * HOUR);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await seenOf(ben, ana)).toHaveLength(2);
    advance(2 * HOUR);
    await until(() => removed.flatMap((r) => r.statusIds).length >= 2, 10_000);
    expect(removed.flatMap((r) => r.statusIds)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(await seenOf(ben, ana)).toEqual([]);
    expect((await feed(ana)).mine).toEqual([]);
    expect(await t.db.get(`SELECT "id" FROM "Status" WHERE "userId" = ?`, [ana.userId])).toBeUndefined();
    expect(await t.db.get(`SELECT "statusId" FROM "StatusView" WHERE "statusId" = ?`, [first.id])).toBeUndefined();
    expect(stored(only.sha256)).toBe(false);
    expect(await t.db.get(`SELECT "id" FROM "MediaUpload" WHERE "id" = ?`, [only.fileId])).toBeUndefined();
    // Still in the chat: the bytes stay, and Ben may still download them.
    expect(stored(shared.sha256)).toBe(true);
    expect(await download(ben, shared.fileId)).toBe(200);
  });
});
