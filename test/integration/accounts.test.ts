// Accounts over the public REST API, against the real server and a real database.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSignIn, connect, connected, createUser, nextEvent, request } from "../helpers/client";
import { testDatabases, uniqueName } from "../helpers/databases";
import { openToGroups, startChat } from "../helpers/messaging";
import { type RunningServer, startServer } from "../helpers/server";

describe.each(testDatabases)("accounts on $name", (database) => {
  let server: RunningServer;
  let base: string;
  // TRUST_PROXY lets each test pose as its own client IP, so the per-IP limit test stays isolated.
  const fromIp = (ip: string) => ({ "x-forwarded-for": ip });

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: database.url(), TRUST_PROXY: "true" });
    base = server.url;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("registers a user and refuses the same name in any case", async () => {
    const username = uniqueName("Ana");
    const created = await request(base, "POST", "/api/v1/auth/register", {
      json: { username, displayName: "Ana", password: "correct horse battery" },
    });
    expect(created.status).toBe(201);
    expect(created.body.userId).toMatch(/^[0-9a-f-]{36}$/);

    const again = await request(base, "POST", "/api/v1/auth/register", {
      json: { username: username.toUpperCase(), displayName: "Other", password: "correct horse battery" },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", message: "Username is taken", field: "username" });
  });

  it.each([
    [{ username: "ab", displayName: "A", password: "correct horse battery" }, "username"],
    [{ username: "has space", displayName: "A", password: "correct horse battery" }, "username"],
    [{ username: "x".repeat(33), displayName: "A", password: "correct horse battery" }, "username"],
    [{ username: "valid_name", displayName: "", password: "correct horse battery" }, "displayName"],
    [{ username: "valid_name", displayName: "A", password: "short" }, "password"],
    [{ username: "valid_name", displayName: "A" }, "password"],
  ])("rejects a bad sign-up %# naming the field", async (body, field) => {
    const res = await request(base, "POST", "/api/v1/auth/register", { json: body });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toBeTruthy();
    // The schema's message names its key, so the app says it in its reader's language.
    expect(res.body.error.key).toMatch(/^validation\./);
  });

  it("answers a body that isn't JSON with 400", async () => {
    const res = await request(base, "POST", "/api/v1/auth/register", { body: "{nope", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("The request body must be JSON");
  });

  it("issues a token for the right password and one generic 401 otherwise", async () => {
    const user = await createUser(base, "Ben", fromIp("10.0.0.1"));
    expect(user.token).toMatch(/^cbx_/);
    const wrong = await request(base, "POST", "/api/v1/auth/token", {
      json: { username: user.username, password: "wrong password" },
      headers: fromIp("10.0.0.1"),
    });
    const unknown = await request(base, "POST", "/api/v1/auth/token", {
      json: { username: uniqueName(), password: "wrong password" },
      headers: fromIp("10.0.0.1"),
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe("Wrong username or password");
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it("limits failed sign-ins to 10 a minute per username, even with the right password after", async () => {
    const user = await createUser(base, "Cid", fromIp("10.0.0.2"));
    for (let i = 0; i < 10; i++) {
      const res = await request(base, "POST", "/api/v1/auth/token", {
        json: { username: user.username, password: "nope-nope" },
        headers: fromIp(`10.0.1.${i}`),
      });
      expect(res.status).toBe(401);
    }
    const limited = await request(base, "POST", "/api/v1/auth/token", {
      json: { username: user.username, password: user.password },
      headers: fromIp("10.0.2.1"),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body.error.retryAfter).toBeGreaterThan(0);
    expect(limited.body.error.message).toMatch(/Try again in \d+ seconds/);
  });

  it("limits failed sign-ins to 50 a minute per IP, the one the proxy saw", async () => {
    const ip = fromIp("10.9.9.9");
    for (let i = 0; i < 50; i++) {
      // Entries before the last come from the client and must not dodge the limit.
      const res = await request(base, "POST", "/api/v1/auth/token", {
        json: { username: uniqueName(), password: "nope-nope" },
        headers: fromIp(`192.0.2.${i}, 10.9.9.9`),
      });
      expect(res.status).toBe(401);
    }
    const limited = await request(base, "POST", "/api/v1/auth/token", {
      json: { username: uniqueName(), password: "nope-nope" },
      headers: ip,
    });
    expect(limited.status).toBe(429);
    const otherIp = await request(base, "POST", "/api/v1/auth/token", {
      json: { username: uniqueName(), password: "nope-nope" },
      headers: fromIp("10.9.9.10"),
    });
    expect(otherIp.status).toBe(401);
  });

  it("limits sign-ups to 30 a minute per IP", async () => {
    const signUp = () =>
      request(base, "POST", "/api/v1/auth/register", {
        json: { username: uniqueName(), displayName: "Bot", password: "correct horse battery" },
        headers: fromIp("10.7.7.7"),
      });
    for (let i = 0; i < 30; i++) expect((await signUp()).status).toBe(201);
    const limited = await signUp();
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/Too many sign-ups from this address\. Try again in \d+ seconds\./);
  });

  it("revokes a token with DELETE /auth/token", async () => {
    const user = await createUser(base);
    expect((await request(base, "GET", "/api/v1/users/me", { token: user.token })).status).toBe(200);
    expect((await request(base, "DELETE", "/api/v1/auth/token", { token: user.token })).status).toBe(204);
    const after = await request(base, "GET", "/api/v1/users/me", { token: user.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
  });

  it("signs out of all devices with DELETE /auth/sessions", async () => {
    const user = await createUser(base);
    const second = await request(base, "POST", "/api/v1/auth/token", { json: { username: user.username, password: user.password } });
    const res = await request(base, "DELETE", "/api/v1/auth/sessions", { token: user.token });
    expect(res.body).toEqual({ revoked: 2 });
    expect((await request(base, "GET", "/api/v1/users/me", { token: second.body.token })).status).toBe(401);
  });

  it("refuses a common password at sign-up, whatever its letter case, and says why", async () => {
    for (const password of ["password1", "Qwertyuiop", "ILOVEYOU2"]) {
      const res = await request(base, "POST", "/api/v1/auth/register", {
        json: { username: uniqueName(), displayName: "Ana", password },
        headers: fromIp("10.9.0.1"),
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "bad_request", field: "password", message: expect.stringMatching(/too common/) });
    }
  });

  it("changes the password: the current one is checked, other devices are signed out, this one stays", async () => {
    const user = await createUser(base);
    const phone = (await request(base, "POST", "/api/v1/auth/token", { json: { username: user.username, password: user.password } })).body
      .token;
    const browser = await browserSignIn(base, user.username, user.password);
    const tab = connect(base, { cookie: browser.sessionCookie as string, origin: base });
    await connected(tab);
    const signedOut = nextEvent(tab, "session:revoked");
    const change = (json: unknown, token = user.token) => request(base, "PUT", "/api/v1/users/me/password", { token, json });

    const wrong = await change({ currentPassword: "not my password", newPassword: "brand new secret 42" });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toEqual({
      code: "forbidden",
      message: "Your current password is wrong",
      key: "validation.auth.currentPasswordWrong",
      field: "currentPassword",
    });
    expect((await change({ currentPassword: user.password, newPassword: "short" })).body.error).toMatchObject({ field: "newPassword" });
    const common = await change({ currentPassword: user.password, newPassword: "Password123" });
    expect(common.status).toBe(400);
    expect(common.body.error).toMatchObject({ field: "newPassword", message: expect.stringMatching(/too common/) });
    expect((await change({ currentPassword: user.password, newPassword: user.password })).body.error).toMatchObject({
      field: "newPassword",
    });
    // Nothing was changed by the refusals: every device is still signed in.
    expect((await request(base, "GET", "/api/v1/users/me", { token: phone })).status).toBe(200);

    const done = await change({ currentPassword: user.password, newPassword: "brand new secret 42" });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ signedOut: 2 });
    await signedOut;
    expect((await request(base, "GET", "/api/v1/users/me", { token: phone })).status).toBe(401);
    expect((await request(base, "GET", "/api/v1/users/me", { headers: { cookie: browser.sessionCookie as string } })).status).toBe(401);
    expect((await request(base, "GET", "/api/v1/users/me", { token: user.token })).status).toBe(200);
    const token = (json: unknown) => request(base, "POST", "/api/v1/auth/token", { json });
    expect((await token({ username: user.username, password: user.password })).status).toBe(401);
    expect((await token({ username: user.username, password: "brand new secret 42" })).status).toBe(200);
    tab.close();
  });

  it("limits wrong current passwords like failed sign-ins: 10 a minute per account", async () => {
    const user = await createUser(base);
    const change = (currentPassword: string) =>
      request(base, "PUT", "/api/v1/users/me/password", {
        token: user.token,
        json: { currentPassword, newPassword: "brand new secret 42" },
      });
    for (let i = 0; i < 10; i++) expect((await change(`guess ${i}`)).status).toBe(403);
    const limited = await change(user.password);
    expect(limited.status).toBe(429);
    expect(limited.body.error.retryAfter).toBeGreaterThan(0);
    expect(limited.headers.get("retry-after")).toBeTruthy();
  });

  it("reads and edits the profile", async () => {
    const user = await createUser(base, "Dee");
    const me = await request(base, "GET", "/api/v1/users/me", { token: user.token });
    expect(me.body).toEqual({
      id: user.userId,
      username: user.username,
      displayName: "Dee",
      about: "",
      avatarUrl: null,
      isAdmin: expect.any(Boolean),
    });

    const patched = await request(base, "PATCH", "/api/v1/users/me", {
      token: user.token,
      json: { displayName: "Dee Dee", about: "At the gym" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: "Dee Dee", about: "At the gym" });
    expect((await request(base, "GET", `/api/v1/users/${user.userId}`, { token: user.token })).body.displayName).toBe("Dee Dee");

    const tooLong = await request(base, "PATCH", "/api/v1/users/me", { token: user.token, json: { about: "x".repeat(141) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ field: "about", message: "About must be at most 140 characters" });
    const unknownField = await request(base, "PATCH", "/api/v1/users/me", { token: user.token, json: { username: "hijack" } });
    expect(unknownField.status).toBe(400);
  });

  it("requires authentication and answers unknown users with 404", async () => {
    expect((await request(base, "GET", "/api/v1/users/me")).status).toBe(401);
    expect((await request(base, "GET", "/api/v1/users/me", { token: "cbx_not-a-real-token" })).status).toBe(401);
    const user = await createUser(base);
    const missing = await request(base, "GET", "/api/v1/users/00000000-0000-0000-0000-000000000000", { token: user.token });
    expect(missing.status).toBe(404);
  });

  it("finds a stranger only by their exact username; people I share a chat or group with also by name", async () => {
    const tag = uniqueName("zz").toLowerCase();
    const me = await createUser(base, `Finder ${tag}`);
    const other = await createUser(base, `Gertrude ${tag.toUpperCase()}`);
    const find = async (query: string, user = me) =>
      (await request(base, "GET", `/api/v1/users?query=${encodeURIComponent(query)}`, { token: user.token })).body.users.map(
        (u: { id: string }) => u.id,
      );
    // Private directory (the default): a name, part of a username, or an empty search shows no stranger.
    expect(await find(tag)).toEqual([]);
    expect(await find("Gertrude")).toEqual([]);
    expect(await find(other.username.slice(0, -1))).toEqual([]);
    expect(await find("")).toEqual([]);
    // Their whole username finds them, in any case, with or without "@"; never the caller.
    expect(await find(other.username.toUpperCase())).toEqual([other.userId]);
    expect(await find(`@${other.username}`)).toEqual([other.userId]);
    expect(await find(me.username)).toEqual([]);
    // Once we have a chat, their name finds them, and an empty search lists them.
    await startChat(base, me, other);
    expect(await find("gertrude")).toEqual([other.userId]);
    expect(await find("")).toEqual([other.userId]);
    expect(await find("finder", other)).toEqual([me.userId]);
    // The same for a group's members.
    const member = await createUser(base, `Hilda ${tag}`);
    await openToGroups(base, member);
    const group = await request(base, "POST", "/api/v1/groups", { token: me.token, json: { name: "Club", participants: [member.userId] } });
    expect(group.status).toBe(201);
    expect(await find("hilda")).toEqual([member.userId]);
    expect((await request(base, "GET", "/api/v1/users?limit=500", { token: me.token })).status).toBe(400);
  });

  it("lists anyone whose name matches with an open directory (USER_DIRECTORY=open)", async () => {
    const open = await startServer({ DATABASE_URL: database.url(), USER_DIRECTORY: "open" });
    try {
      const tag = uniqueName("yy").toLowerCase();
      const me = await createUser(open.url, `Finder ${tag}`);
      const other = await createUser(open.url, `Ingrid ${tag}`);
      const res = await request(open.url, "GET", `/api/v1/users?query=${encodeURIComponent(`ingrid ${tag}`)}`, { token: me.token });
      expect(res.body.users.map((u: { id: string }) => u.id)).toEqual([other.userId]);
    } finally {
      await open.stop();
    }
  });

  it("stores avatars as 256px WebP without metadata, checks the type from the bytes, and limits the size", async () => {
    const user = await createUser(base, "Eve");
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#3a7" } })
      .jpeg()
      .withExif({ IFD0: { Make: "SecretCam", Model: "X1" } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(photo)], { type: "text/plain" }), "holiday.txt");
    const up = await request(base, "PUT", "/api/v1/users/me/avatar", { token: user.token, body: form });
    expect(up.status).toBe(200);
    expect(up.body.avatarUrl).toMatch(new RegExp(`^/api/v1/users/${user.userId}/avatar\\?v=`));

    const img = await fetch(base + up.body.avatarUrl, { headers: { authorization: `Bearer ${user.token}` } });
    expect(img.headers.get("content-type")).toBe("image/webp");
    expect(img.headers.get("cache-control")).toContain("immutable");
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    const cached = await fetch(base + up.body.avatarUrl, {
      headers: { authorization: `Bearer ${user.token}`, "if-none-match": img.headers.get("etag") ?? "" },
    });
    expect(cached.status).toBe(304);

    const fake = new FormData();
    fake.append("file", new Blob([new TextEncoder().encode("<svg onload=alert(1)>")], { type: "image/png" }), "me.png");
    const notImage = await request(base, "PUT", "/api/v1/users/me/avatar", { token: user.token, body: fake });
    expect(notImage.status).toBe(415);

    const huge = new FormData();
    huge.append("file", new Blob([new Uint8Array(5 * 1024 * 1024 + 1)], { type: "image/png" }), "big.png");
    const tooBig = await request(base, "PUT", "/api/v1/users/me/avatar", { token: user.token, body: huge });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toBe("Avatar images must be at most 5 MB");

    const removed = await request(base, "DELETE", "/api/v1/users/me/avatar", { token: user.token });
    expect(removed.body.avatarUrl).toBeNull();
    expect((await fetch(base + up.body.avatarUrl, { headers: { authorization: `Bearer ${user.token}` } })).status).toBe(404);
  });
});
