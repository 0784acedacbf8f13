// Socket.IO sessions: authentication, live profile updates (to those who can see the user only), and
// revocation that disconnects at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSignIn, connect, connected, createUser, nextEvent, request } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { collect, drained, online, openToGroups, startChat } from "../helpers/messaging";
import { type RunningServer, startServer } from "../helpers/server";

describe.each(testDatabases)("realtime on $name", (database) => {
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: database.url() });
    base = server.url;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses connections without a valid session", async () => {
    for (const auth of [{}, { token: "cbx_forged" }, { cookie: "next-auth.session-token=forged" }]) {
      const socket = connect(base, auth);
      await expect(connected(socket)).rejects.toThrow("unauthorized");
      socket.close();
    }
  });

  it("pushes profile changes live to the people who can see the user, and to no stranger", async () => {
    const [ana, ben, cara, dan] = await Promise.all(["Ana", "Ben", "Cara", "Dan"].map((n) => createUser(base, n)));
    // Ben has a chat with Ana (a request he never accepted), Cara is in a group with her, Dan is nobody to her.
    await startChat(base, ana, ben);
    await openToGroups(base, cara);
    expect(
      (await request(base, "POST", "/api/v1/groups", { token: ana.token, json: { name: "Crew", participants: [cara.userId] } })).status,
    ).toBe(201);
    const [benSocket, caraSocket, danSocket] = await Promise.all([ben, cara, dan].map((u) => online(base, u)));
    const atDan = collect(danSocket, "user:updated");
    const updates = [benSocket, caraSocket].map((s) => nextEvent(s, "user:updated"));
    await request(base, "PATCH", "/api/v1/users/me", { token: ana.token, json: { displayName: "Ana María" } });
    for (const [user] of await Promise.all(updates)) expect(user).toMatchObject({ id: ana.userId, displayName: "Ana María" });
    await drained(danSocket);
    expect(atDan).toEqual([]);
    // Dan still reads the new name when he looks Ana up.
    expect((await request(base, "GET", `/api/v1/users/${ana.userId}`, { token: dan.token })).body).toMatchObject({
      displayName: "Ana María",
    });
    for (const s of [benSocket, caraSocket, danSocket]) s.close();
  });

  it("disconnects a device the moment its session is revoked, and only that one", async () => {
    const user = await createUser(base);
    const other = await request(base, "POST", "/api/v1/auth/token", { json: { username: user.username, password: user.password } });
    const revoked = connect(base, { token: user.token });
    const kept = connect(base, { token: other.body.token });
    await Promise.all([connected(revoked), connected(kept)]);
    const notice = nextEvent(revoked, "session:revoked");
    const gone = new Promise((resolve) => revoked.once("disconnect", resolve));
    await request(base, "DELETE", "/api/v1/auth/token", { token: user.token });
    await notice;
    expect(await gone).toBe("io server disconnect");
    expect(kept.connected).toBe(true);
    const again = connect(base, { token: user.token });
    await expect(connected(again)).rejects.toThrow("unauthorized");
    again.close();
    kept.close();
  });

  it("signs every device out with 'sign out of all devices', browser sessions included", async () => {
    const user = await createUser(base);
    const { sessionCookie } = await browserSignIn(base, user.username, user.password);
    const tab = connect(base, { cookie: sessionCookie as string, origin: base });
    const app = connect(base, { token: user.token });
    await Promise.all([connected(tab), connected(app)]);
    const both = Promise.all([tab, app].map((s) => new Promise((resolve) => s.once("disconnect", resolve))));
    const res = await request(base, "DELETE", "/api/v1/auth/sessions", { token: user.token });
    expect(res.body.revoked).toBe(2);
    expect(await both).toEqual(["io server disconnect", "io server disconnect"]);
    const page = await request(base, "GET", "/api/v1/users/me", { headers: { cookie: sessionCookie as string } });
    expect(page.status).toBe(401);
  });
});
