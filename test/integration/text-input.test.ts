// Text a client can send that isn't text: a lone UTF-16 surrogate (half an emoji), NUL and other control
// characters. Every free-text field answers 400 naming the field (PostgreSQL used to answer NUL with a
// 500, and a lone surrogate was stored as U+FFFD), over REST and in socket acks alike, and nothing is
// stored. Receipt and pin bodies refuse unknown fields like every other body.
import { describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../lib/contracts/errors";
import { browserSignIn, request } from "../helpers/client";
import { testDatabases, uniqueName } from "../helpers/databases";
import { ask, send, startChat } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

/** Half a surrogate pair, NUL, and a control character in the middle of the text. */
const BAD = { surrogate: "caf\ud83d", nul: "a\u0000b", control: "bell\u0007" };

describe.each(testDatabases)("bad text input on $name", (database) => {
  const t = useTestServer(database);

  const expectRefused = (reply: { status: number; body: { error: ApiErrorBody } }, field: string) => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body.error).toMatchObject({ code: "bad_request", field });
    expect(reply.body.error.message).toMatch(/contains a (broken character|control character)/);
  };

  it("refuses bad text in every free-text REST field with a 400 naming the field, and stores nothing", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await startChat(t.base, ana, ben);
    const messagesBefore = (await t.db.all(`SELECT "id" FROM "Message" WHERE "conversationId" = ?`, [chat.id])).length;
    const as = (method: string, path: string, json: unknown) => request(t.base, method, path, { token: ana.token, json });
    const newName = uniqueName();

    for (const bad of Object.values(BAD)) {
      expectRefused(
        await request(t.base, "POST", "/api/v1/auth/token", { json: { username: `ana${bad}`, password: "whatever1" } }),
        "username",
      );
      expectRefused(
        await request(t.base, "POST", "/api/v1/auth/register", {
          json: { username: newName, displayName: `Ana ${bad}`, password: "correct horse battery" },
          headers: { "x-forwarded-for": "10.200.0.1" },
        }),
        "displayName",
      );
      expectRefused(
        await request(t.base, "POST", "/api/v1/auth/register", {
          json: { username: `ana${bad}`, displayName: "Ana", password: "correct horse battery" },
          headers: { "x-forwarded-for": "10.200.0.1" },
        }),
        "username",
      );
      expectRefused(await request(t.base, "POST", "/api/v1/auth/password-reset", { json: { login: `ana${bad}` } }), "login");
      expectRefused(await as("PATCH", "/api/v1/users/me", { displayName: `Ana ${bad}` }), "displayName");
      expectRefused(await as("PATCH", "/api/v1/users/me", { about: `About ${bad}` }), "about");
      expectRefused(await as("PUT", "/api/v1/users/me/email", { email: `ana${bad}@example.com` }), "email");
      expectRefused(await as("POST", "/api/v1/reports", { conversationId: chat.id, reason: `spam ${bad}` }), "reason");
      expectRefused(await as("POST", "/api/v1/groups", { name: `Team ${bad}` }), "name");
      expectRefused(await as("POST", "/api/v1/groups", { name: "Team", description: `Desc ${bad}` }), "description");
      expectRefused(
        await as("POST", "/api/v1/messages/forward", {
          from: { conversationId: chat.id, seq: 1 },
          targets: [{ id: crypto.randomUUID(), to: `x${bad}` }],
        }),
        "targets.0.to",
      );
      expectRefused(await as("POST", "/api/v1/messages", { id: crypto.randomUUID(), conversationId: chat.id, text: `hi ${bad}` }), "text");
      expectRefused(
        await as("POST", "/api/v1/messages", {
          id: crypto.randomUUID(),
          conversationId: chat.id,
          type: "location",
          location: { latitude: 1, longitude: 2, name: `Cafe ${bad}` },
        }),
        "location.name",
      );
      expectRefused(
        await as("POST", "/api/v1/messages", {
          id: crypto.randomUUID(),
          conversationId: chat.id,
          type: "contact",
          contact: { userId: `u${bad}` },
        }),
        "contact.userId",
      );
      expectRefused(await as("POST", "/api/v1/statuses", { id: crypto.randomUUID(), kind: "text", text: `now ${bad}` }), "text");
    }
    // Line breaks and tabs are text in a message, an about or a description; not in a name.
    expect((await as("PATCH", "/api/v1/users/me", { about: "two\nlines\tand a tab" })).status).toBe(200);
    expectRefused(await as("PATCH", "/api/v1/users/me", { displayName: "two\nlines" }), "displayName");
    // A query string and a path too (NUL is the one bad character a URL can carry).
    expectRefused(await request(t.base, "GET", "/api/v1/messages/search?q=a%00b", { token: ana.token }), "q");
    expectRefused(await as("POST", "/api/v1/conversations/a%00b/read", {}), "id");
    // The browser's sign-in form answers like any failed sign-in, and signs nobody in.
    const form = await browserSignIn(t.base, "ana\u0000", "whatever1");
    expect(form.status).toBe(401);
    expect(form.sessionCookie).toBeNull();

    const me = await request(t.base, "GET", "/api/v1/users/me", { token: ana.token });
    expect(me.body).toMatchObject({ displayName: "Ana", about: "two\nlines\tand a tab" });
    expect((await request(t.base, "GET", "/api/v1/users/me/email", { token: ana.token })).body).toMatchObject({
      email: null,
      pendingEmail: null,
    });
    const conversations = await request(t.base, "GET", "/api/v1/conversations", { token: ana.token });
    expect(conversations.body.conversations.map((c: { id: string }) => c.id)).toEqual([chat.id]);
    expect(await t.db.all(`SELECT "id" FROM "Message" WHERE "conversationId" = ?`, [chat.id])).toHaveLength(messagesBefore);
    expect(await t.db.all(`SELECT "id" FROM "Report" WHERE "reporterId" = ?`, [ana.userId])).toEqual([]);
    expect(await t.db.all(`SELECT "id" FROM "Status" WHERE "userId" = ?`, [ana.userId])).toEqual([]);
    expect(await t.db.all(`SELECT "id" FROM "User" WHERE "usernameKey" = ?`, [newName.toLowerCase()])).toEqual([]);
  });

  it("answers socket commands with bad text with { ok: false, error } naming the field, and stores nothing", async () => {
    const [cai, dia] = await t.people("Cai", "Dia");
    const chat = await startChat(t.base, cai, dia);
    const socket = await t.connectAs(cai);
    const sent = await send(socket, chat.id, "a fine message");

    for (const bad of Object.values(BAD)) {
      const cases: [string, unknown, string][] = [
        ["message:send", { id: crypto.randomUUID(), conversationId: chat.id, text: `hi ${bad}` }, "text"],
        ["message:edit", { conversationId: chat.id, seq: sent.message.seq, text: `edited ${bad}` }, "text"],
        ["status:post", { id: crypto.randomUUID(), kind: "text", text: `now ${bad}` }, "text"],
        ["group:create", { name: `Team ${bad}` }, "name"],
        ["group:create", { name: "Team", description: `Desc ${bad}` }, "description"],
        ["report:create", { conversationId: chat.id, reason: `spam ${bad}` }, "reason"],
      ];
      for (const [event, payload, field] of cases) {
        const ack = await ask(socket, event, payload);
        expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: "bad_request", field } });
      }
    }

    const history = await request(t.base, "GET", `/api/v1/conversations/${chat.id}/messages`, { token: cai.token });
    expect(history.body.messages.map((m: { text: string; editedAt?: string }) => [m.text, m.editedAt])).toEqual([
      ["a fine message", undefined],
    ]);
    const conversations = await request(t.base, "GET", "/api/v1/conversations", { token: cai.token });
    expect(conversations.body.conversations.map((c: { id: string }) => c.id)).toEqual([chat.id]);
    expect(await t.db.all(`SELECT "id" FROM "Report" WHERE "reporterId" = ?`, [cai.userId])).toEqual([]);
    expect(await t.db.all(`SELECT "id" FROM "Status" WHERE "userId" = ?`, [cai.userId])).toEqual([]);
  });

  it("refuses unknown fields and wrong bodies on read, delivered and pin, over REST and the socket", async () => {
    const [eli, fay] = await t.people("Eli", "Fay");
    const chat = await startChat(t.base, eli, fay);
    const socket = await t.connectAs(eli);
    const sent = await send(socket, chat.id, "pin me");
    const as = (method: string, path: string, json: unknown) => request(t.base, method, path, { token: eli.token, json });

    for (const kind of ["read", "delivered"]) {
      const path = `/api/v1/conversations/${chat.id}/${kind}`;
      const unknown = await as("POST", path, { seq: 1, upTo: 1 });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/Unrecognized key/);
      for (const wrong of [[1], "1", 5]) expect((await as("POST", path, wrong)).status, JSON.stringify(wrong)).toBe(400);
      expect((await as("POST", path, { seq: 1 })).status).toBe(200);
    }
    const pin = `/api/v1/conversations/${chat.id}/messages/${sent.message.seq}/pin`;
    expect((await as("PUT", pin, { pinned: false })).status).toBe(400);
    expect((await as("DELETE", pin, [])).status).toBe(400);
    const star = `/api/v1/conversations/${chat.id}/messages/${sent.message.seq}/star`;
    expect((await as("PUT", star, { starred: false })).status).toBe(400);
    expect((await as("DELETE", star, "no")).status).toBe(400);
    expect((await request(t.base, "GET", `/api/v1/conversations/${chat.id}`, { token: eli.token })).body.pinned).toEqual([]);
    expect((await as("PUT", pin, {})).body.pinned).toEqual([sent.message.seq]);

    for (const event of ["message:delivered", "conversation:read"]) {
      const ack = await ask(socket, event, { conversationId: chat.id, seq: 1, extra: true });
      expect(ack).toMatchObject({ ok: false, error: { code: "bad_request" } });
    }
    const pinAck = await ask(socket, "message:pin", { conversationId: chat.id, seq: sent.message.seq, pinned: false, also: 1 });
    expect(pinAck).toMatchObject({ ok: false, error: { code: "bad_request" } });
    expect((await request(t.base, "GET", `/api/v1/conversations/${chat.id}`, { token: eli.token })).body.pinned).toEqual([
      sent.message.seq,
    ]);
  });

  it("refuses path parameters with a control character or a broken character, naming them, on every route", async () => {
    const [gus] = await t.people("Gus");
    // (A lone surrogate can't be %-encoded as UTF-8: such an address is the edge's 400, field "path".)
    for (const bad of ["a%00b", "x%07"]) {
      for (const [method, path, field] of [
        ["GET", `/api/v1/users/${bad}`, "id"],
        ["GET", `/api/v1/conversations/${bad}/messages`, "id"],
        ["GET", `/api/v1/invites/${bad}`, "code"],
        ["GET", `/api/v1/media/${bad}`, "id"],
        ["PUT", `/api/v1/users/${bad}/block`, "id"],
      ]) {
        const reply = await request(t.base, method, path, { token: gus.token });
        expect(reply.status, `${method} ${path}`).toBe(400);
        expect(reply.body.error).toMatchObject({ code: "bad_request", field });
      }
    }
  });
});
