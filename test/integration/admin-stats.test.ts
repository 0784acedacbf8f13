// The admin role and the message statistics, as an operator meets them on a new installation: the first
// admin is chosen deliberately (ADMIN_USERNAMES, or the setup token the server logs), never the first sign-up.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MessageStats } from "../../lib/contracts/system";
import { createUser, request, type TestUser } from "../helpers/client";
import { emptyDatabases } from "../helpers/databases";
import { startServer } from "../helpers/server";

/** Signs up with this username (createUser picks a unique one) and gets an API token. */
async function signUpAs(base: string, username: string): Promise<TestUser> {
  const password = "correct horse battery";
  const reg = await request(base, "POST", "/api/v1/auth/register", { json: { username, displayName: username, password } });
  expect(reg.status).toBe(201);
  const tok = await request(base, "POST", "/api/v1/auth/token", { json: { username, password } });
  return { userId: reg.body.userId, username, password, token: tok.body.token };
}

describe.each(emptyDatabases)("admins and message statistics on $name", (database) => {
  it("has no admin until the setup token the server logs is redeemed, once; ADMIN_USERNAMES names admins at start", async () => {
    const { url, drop } = await database.create();
    let server = await startServer({ DATABASE_URL: url });
    const call = <T = any>(token: string, method: string, path: string, json?: unknown) =>
      request<T>(server.url, method, path, { token, json });
    try {
      const [cara, dan] = [await createUser(server.url, "Cara"), await createUser(server.url, "Dan")];
      expect((await call(cara.token, "GET", "/api/v1/users/me")).body.isAdmin).toBe(false);
      const token = server.output().match(/"setupToken":"([A-Za-z0-9_-]+)"/)?.[1] as string;
      expect(token).toBeTruthy();
      expect((await call(dan.token, "GET", "/api/v1/system/admin-setup")).body).toEqual({ needed: true });

      const wrong = await call(cara.token, "POST", "/api/v1/system/admin-setup", { token: `${token.slice(1)}x` });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error).toMatchObject({ message: "That setup token is not valid", field: "token" });
      expect((await request(server.url, "POST", "/api/v1/system/admin-setup", { json: { token } })).status).toBe(401);
      expect((await call(cara.token, "POST", "/api/v1/system/admin-setup", { token })).body).toEqual({
        userId: cara.userId,
        isAdmin: true,
      });
      expect((await call(cara.token, "GET", "/api/v1/users/me")).body.isAdmin).toBe(true);
      expect((await call(dan.token, "GET", "/api/v1/system/admin-setup")).body).toEqual({ needed: false });
      // Once: the token is worth nothing now that the server has an admin.
      const again = await call(dan.token, "POST", "/api/v1/system/admin-setup", { token });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe("This server has an admin already: ask them to make you one");

      // A restart naming Dan in ADMIN_USERNAMES (any letter case) makes him an admin; there is no token to print.
      await server.stop();
      server = await startServer({ DATABASE_URL: url, ADMIN_USERNAMES: ` ${dan.username.toUpperCase()} , someone_else` });
      expect((await call(dan.token, "GET", "/api/v1/users/me")).body.isAdmin).toBe(true);
      expect(server.output()).not.toContain("setupToken");
    } finally {
      await server.stop();
      await drop();
    }
  });

  it("makes the accounts of ADMIN_USERNAMES admins when they sign up, lets admins grant the role and see statistics, and keeps one admin", async () => {
    const { url, drop } = await database.create();
    const server = await startServer({ DATABASE_URL: url, ADMIN_USERNAMES: "ana_ops" });
    const call = <T = any>(token: string, method: string, path: string) => request<T>(server.url, method, path, { token });
    try {
      const ben = await createUser(server.url, "Ben");
      const ana = await signUpAs(server.url, "Ana_Ops");
      expect((await call(ana.token, "GET", "/api/v1/users/me")).body.isAdmin).toBe(true);
      expect((await call(ben.token, "GET", "/api/v1/users/me")).body.isAdmin).toBe(false);

      // Ana sends two messages, Ben one (two people, one group notice-free direct chat).
      for (const [user, to, text] of [
        [ana, ben, "hi"],
        [ana, ben, "there"],
        [ben, ana, "hello"],
      ] as const) {
        const sent = await request(server.url, "POST", "/api/v1/messages", {
          token: user.token,
          json: { id: randomUUID(), to: to.userId, text },
        });
        expect(sent.status).toBe(201);
      }
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

      const refused = await call(ben.token, "GET", "/api/v1/stats/messages");
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe("Only admins can see message statistics");

      const stats = await call<MessageStats>(ana.token, "GET", `/api/v1/stats/messages?start_date=${yesterday}&end_date=${today}`);
      expect(stats.status).toBe(200);
      expect(stats.body).toEqual({
        startDate: yesterday,
        endDate: today,
        totals: { messages: 3, activeUsers: 2 },
        days: [
          { date: yesterday, messages: 0, activeUsers: 0 },
          { date: today, messages: 3, activeUsers: 2 },
        ],
      });
      const month = await call<MessageStats>(ana.token, "GET", "/api/v1/stats/messages");
      expect(month.body.days).toHaveLength(30);
      expect(month.body.days.at(-1)).toEqual({ date: today, messages: 3, activeUsers: 2 });

      for (const [query, message] of [
        ["start_date=2026-02-30", "must be a real date like 2026-11-23"],
        ["start_date=2026-11-24&end_date=2026-11-23", "end_date must not be before start_date"],
        ["start_date=2024-01-01&end_date=2026-01-01", "At most 366 days at a time"],
      ]) {
        const bad = await call(ana.token, "GET", `/api/v1/stats/messages?${query}`);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain(message);
      }

      // The role: only admins grant it, and the last admin can't be dismissed.
      expect((await call(ben.token, "PUT", `/api/v1/users/${ben.userId}/admin`)).status).toBe(403);
      expect((await call(ana.token, "DELETE", `/api/v1/users/${ana.userId}/admin`)).status).toBe(409);
      expect((await call(ana.token, "PUT", `/api/v1/users/${randomUUID()}/admin`)).status).toBe(404);
      expect((await call(ana.token, "PUT", `/api/v1/users/${ben.userId}/admin`)).body).toEqual({ userId: ben.userId, isAdmin: true });
      expect((await call(ben.token, "GET", "/api/v1/stats/messages")).status).toBe(200);
      expect((await call(ben.token, "DELETE", `/api/v1/users/${ana.userId}/admin`)).body).toEqual({ userId: ana.userId, isAdmin: false });
      expect((await call(ana.token, "GET", "/api/v1/stats/messages")).status).toBe(403);
    } finally {
      await server.stop();
      await drop();
    }
  });
});
