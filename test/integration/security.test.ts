// The security baseline: headers, CSP nonces, cookie flags, Origin checks on writes and on the socket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSignIn, connect, connected, createUser, request } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { type RunningServer, startServer } from "../helpers/server";

describe("security baseline", () => {
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: freshSqliteUrl() });
    base = server.url;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("sends CSP with a fresh nonce that Next puts on its scripts, plus the other headers", async () => {
    const first = await fetch(`${base}/sign-in`);
    const html = await first.text();
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    // WebAssembly may be compiled (the crypto library), JavaScript may not be eval'd.
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("x-frame-options")).toBe("DENY");

    const second = await fetch(`${base}/sign-in`);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    const api = await request(base, "GET", "/api/v1/users/me");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, not Secure over plain http", async () => {
    const user = await createUser(base);
    const { sessionCookie, setCookies } = await browserSignIn(base, user.username, user.password);
    expect(sessionCookie).toMatch(/^next-auth\.session-token=/);
    const full = setCookies.find((c) => c.startsWith("next-auth.session-token=")) ?? "";
    expect(full).toMatch(/HttpOnly/i);
    expect(full).toMatch(/SameSite=Lax/i);
    expect(full).not.toMatch(/Secure/i);
  });

  it("refuses cookie-authenticated writes without an allowed Origin", async () => {
    const user = await createUser(base);
    const { sessionCookie } = await browserSignIn(base, user.username, user.password);
    const cookie = { cookie: sessionCookie as string };
    expect((await request(base, "GET", "/api/v1/users/me", { headers: cookie })).status).toBe(200);
    const patch = { json: { about: "csrf" } };
    const none = await request(base, "PATCH", "/api/v1/users/me", { ...patch, headers: cookie });
    expect(none.status).toBe(403);
    expect(none.body.error.message).toMatch(/Cross-site request refused/);
    const evil = await request(base, "PATCH", "/api/v1/users/me", { ...patch, headers: { ...cookie, origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    const own = await request(base, "PATCH", "/api/v1/users/me", { ...patch, headers: { ...cookie, origin: base } });
    expect(own.status).toBe(200);
    // Token clients are not exposed to CSRF: no Origin needed.
    expect((await request(base, "PATCH", "/api/v1/users/me", { ...patch, token: user.token })).status).toBe(200);
  });

  it("accepts the Socket.IO handshake only from the app's own origins", async () => {
    const user = await createUser(base);
    const foreign = connect(base, { token: user.token, origin: "https://evil.example" });
    await expect(connected(foreign)).rejects.toThrow();
    foreign.close();
    const own = connect(base, { token: user.token, origin: base });
    await connected(own);
    own.close();
    const localhost = connect(base, { token: user.token, origin: `http://localhost:${server.port}` });
    await connected(localhost);
    localhost.close();
  });
});

describe("behind https (APP_URL=https://...)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: freshSqliteUrl(), APP_URL: "https://chat.example.com" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("uses Secure __Secure- cookies, HSTS, and only the configured origin", async () => {
    const user = await createUser(server.url);
    const { setCookies } = await browserSignIn(server.url, user.username, user.password);
    const session = setCookies.find((c) => c.startsWith("__Secure-next-auth.session-token=")) ?? "";
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/HttpOnly/i);
    const page = await fetch(`${server.url}/sign-in`);
    expect(page.headers.get("strict-transport-security")).toContain("max-age=");
    const local = connect(server.url, { token: user.token, origin: server.url });
    await expect(connected(local)).rejects.toThrow();
    local.close();
    const configured = connect(server.url, { token: user.token, origin: "https://chat.example.com" });
    await connected(configured);
    configured.close();
  });
});
