// Email against the real server and a real SMTP server started here: adding and verifying an address,
// password reset (single use, 30 minutes, sessions signed out, no account discovery, rate limited),
// new-device sign-in alerts, the unread digest, the admins' test email, and the .eml outbox without SMTP.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { RESET_REQUESTED } from "../../lib/contracts/email";
import { browserSignIn, nextEvent, request, type TestUser } from "../helpers/client";
import { testDatabases, uniqueName } from "../helpers/databases";
import { openToGroups } from "../helpers/messaging";
import { linkIn, startSmtp } from "../helpers/smtp";
import { useTestServer } from "../helpers/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MINUTE = 60_000;
const RESET = "Reset your Chatterbox password";

const smtp = await startSmtp();
afterAll(() => smtp.close());

describe.each(testDatabases)("email on $name", (database) => {
  const t = useTestServer(database, { SMTP_URL: smtp.url, DIGEST_SWEEP_SECONDS: "1" });
  const newAddress = () => `${uniqueName("mail")}@Example.com`;
  let ips = 0;
  const fromIp = () => ({ "x-forwarded-for": `172.16.${++ips >> 8}.${ips & 255}` });
  const page = async (url: URL) => {
    const res = await fetch(t.base + url.pathname + url.search);
    return { status: res.status, html: await res.text() };
  };
  /** A user whose address is verified by following the link, as its owner would. */
  const verified = async (name: string): Promise<TestUser & { email: string }> => {
    const [user] = await t.people(name);
    const email = newAddress();
    expect((await request(t.base, "PUT", "/api/v1/users/me/email", { token: user.token, json: { email } })).status).toBe(200);
    const { status, html } = await page(linkIn(await smtp.nthMailTo(email, 1), "/verify-email"));
    expect(status).toBe(200);
    expect(html).toContain("is verified");
    return { ...user, email };
  };
  const askReset = (login: string, headers = fromIp()) =>
    request(t.base, "POST", "/api/v1/auth/password-reset", { json: { login }, headers });
  const signIn = (user: TestUser, password: string) =>
    request(t.base, "POST", "/api/v1/auth/token", { json: { username: user.username, password } });

  it("adds an address, verifies it through the emailed link (once), and keeps verified addresses unique", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const settings = (user: TestUser) => request(t.base, "GET", "/api/v1/users/me/email", { token: user.token });
    expect((await settings(ana)).body).toEqual({ email: null, pendingEmail: null, digestHours: null });
    const bad = await request(t.base, "PUT", "/api/v1/users/me/email", { token: ana.token, json: { email: "not an address" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: "email", message: expect.stringContaining("valid email") });

    const email = newAddress();
    const put = await request(t.base, "PUT", "/api/v1/users/me/email", { token: ana.token, json: { email } });
    expect(put.body).toEqual({ email: null, pendingEmail: email, digestHours: null });
    const mail = await smtp.nthMailTo(email, 1);
    expect(mail.subject).toBe("Confirm your email address for Chatterbox");
    expect(mail.html).toContain("Verify email address");
    const link = linkIn(mail, "/verify-email");
    expect(link.searchParams.get("token")).toMatch(/^[\w-]{43}$/);
    // Resending sends a second link; both work until one is used.
    expect((await request(t.base, "POST", "/api/v1/users/me/email/verification", { token: ana.token })).status).toBe(202);
    const second = linkIn(await smtp.nthMailTo(email, 2), "/verify-email");

    expect((await page(link)).html).toContain("is verified");
    expect((await settings(ana)).body).toEqual({ email, pendingEmail: null, digestHours: null });
    expect((await page(link)).html).toContain("already used");
    expect((await page(second)).html).toContain("no longer waiting");
    expect((await page(new URL("/verify-email?token=nonsense", t.base))).html).toContain("not valid");

    // Another account can't take a verified address, in any case.
    const taken = await request(t.base, "PUT", "/api/v1/users/me/email", { token: ben.token, json: { email: email.toUpperCase() } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe("This email address is already used by another account");
    expect(smtp.mailsTo(email)).toHaveLength(2);

    expect((await request(t.base, "DELETE", "/api/v1/users/me/email", { token: ana.token })).body).toEqual({
      email: null,
      pendingEmail: null,
      digestHours: null,
    });
    expect((await request(t.base, "PUT", "/api/v1/users/me/email", { token: ben.token, json: { email } })).status).toBe(200);
  });

  it("resets a password through the emailed link: once, every session signed out, the old password dead", async () => {
    const ana = await verified("Ana");
    const socket = await t.connectAs(ana);
    const browser = await browserSignIn(t.base, ana.username, ana.password);
    expect(browser.sessionCookie).toBeTruthy();

    const asked = await askReset(ana.username);
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ message: RESET_REQUESTED });
    const link = linkIn(await smtp.nthMailTo(ana.email, 1, RESET), "/reset-password");
    const form = await page(link);
    expect(form.status).toBe(200);
    expect(form.html).toContain("Set new password");

    const revoked = nextEvent(socket, "session:revoked");
    const token = link.searchParams.get("token");
    const confirm = (password: string) => request(t.base, "POST", "/api/v1/auth/password-reset/confirm", { json: { token, password } });
    expect((await confirm("short")).status).toBe(400);
    expect((await confirm("brand new password")).status).toBe(204);
    await revoked;
    expect((await request(t.base, "GET", "/api/v1/users/me", { token: ana.token })).status).toBe(401);
    const cookieCheck = await fetch(`${t.base}/api/v1/users/me`, { headers: { cookie: browser.sessionCookie as string } });
    expect(cookieCheck.status).toBe(401);

    // The link is used up; the old password fails and the new one works.
    const again = await confirm("another new password");
    expect(again.status).toBe(410);
    expect(again.body.error.message).toContain("already used");
    expect((await page(link)).html).toContain("already used");
    expect((await signIn(ana, ana.password)).status).toBe(401);
    expect((await signIn(ana, "brand new password")).status).toBe(200);

    // By email address too (any case); a new link makes older unused ones of the user stop working.
    await askReset(ana.email.toUpperCase());
    const first = linkIn(await smtp.nthMailTo(ana.email, 2, RESET), "/reset-password").searchParams.get("token");
    await askReset(ana.username);
    const latest = linkIn(await smtp.nthMailTo(ana.email, 3, RESET), "/reset-password").searchParams.get("token");
    expect(
      (await request(t.base, "POST", "/api/v1/auth/password-reset/confirm", { json: { token: latest, password: "third password!" } }))
        .status,
    ).toBe(204);
    const stale = await request(t.base, "POST", "/api/v1/auth/password-reset/confirm", {
      json: { token: first, password: "fourth password" },
    });
    expect(stale.status).toBe(410);
    const unknown = await request(t.base, "POST", "/api/v1/auth/password-reset/confirm", {
      json: { token: "x".repeat(43), password: "fourth password" },
    });
    expect(unknown.status).toBe(400);
  });

  it("writes the password reset email in the account's language", async () => {
    const ana = await verified("Ana");
    await t.db.run(`UPDATE "User" SET "locale" = 'es' WHERE "id" = ?`, [ana.userId]);
    expect((await askReset(ana.username)).status).toBe(202);
    const mail = await smtp.nthMailTo(ana.email, 2); // after the verification email
    expect(mail.subject).toBe("Restablece tu contraseña de Chatterbox");
    expect(mail.text).toContain(`Hola, ${ana.username}:`);
    expect(mail.text).toContain("Alguien (esperamos que tú) pidió restablecer la contraseña de tu cuenta de Chatterbox.");
    expect(mail.text).toContain("durante 30 minutos");
    expect(mail.html).toContain('<html lang="es" dir="ltr">');
    expect(mail.html).toContain("O abre este enlace:");
    expect(linkIn(mail, "/reset-password").searchParams.get("token")).toMatch(/^[\w-]{43}$/);
  });

  it("expires reset links after 30 minutes", async () => {
    const ana = await verified("Ana");
    await askReset(ana.username);
    const link = linkIn(await smtp.nthMailTo(ana.email, 1, RESET), "/reset-password");
    t.advance(31 * MINUTE);
    const expired = await request(t.base, "POST", "/api/v1/auth/password-reset/confirm", {
      json: { token: link.searchParams.get("token"), password: "brand new password" },
    });
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toBe("This reset link has expired. Ask for a new one.");
    expect((await page(link)).html).toContain("has expired");
    expect((await signIn(ana, ana.password)).status).toBe(200);
  });

  it("answers every reset request the same, emails only verified addresses, and rate limits", async () => {
    const ana = await verified("Ana");
    const [ben] = await t.people("Ben");
    const benEmail = newAddress();
    await request(t.base, "PUT", "/api/v1/users/me/email", { token: ben.token, json: { email: benEmail } });
    await smtp.nthMailTo(benEmail, 1); // the verification link, never followed

    // A disabled account gets no link either.
    const [root] = await t.people("Root");
    const dan = await verified("Dan");
    await t.db.run(`UPDATE "User" SET "isAdmin" = true WHERE "id" = ?`, [root.userId]);
    expect((await request(t.base, "PUT", `/api/v1/users/${dan.userId}/disabled`, { token: root.token })).status).toBe(200);

    const logins = [`nobody_${uniqueName()}`, newAddress(), ben.username, dan.username, ana.username];
    for (const a of await Promise.all(logins.map((login) => askReset(login)))) {
      expect(a.status).toBe(202);
      expect(a.body).toEqual({ message: RESET_REQUESTED });
    }
    await smtp.nthMailTo(ana.email, 1, RESET);
    await sleep(500);
    expect(smtp.mailsTo(benEmail)).toHaveLength(1);
    expect(smtp.mailsTo(dan.email)).toHaveLength(1);

    // Five a quarter of an hour per login (whether it exists or not), wherever they come from.
    const login = `ghost_${uniqueName()}`;
    for (let i = 0; i < 5; i++) expect((await askReset(login)).status).toBe(202);
    const limited = await askReset(login);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe("rate_limited");
  });

  it("alerts a verified address to a sign-in from a new device, not to the first one nor to a known one", async () => {
    const ana = await verified("Ana");
    // Signing up and the first sign-ins came before: only the verification email so far.
    await sleep(300);
    expect(smtp.mailsTo(ana.email)).toHaveLength(1);

    const fresh = await browserSignIn(t.base, ana.username, ana.password);
    expect(fresh.status).toBe(200);
    const device = fresh.setCookies.find((c) => c.startsWith("cbx_device="));
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/SameSite=Lax/i);
    expect(device).toMatch(/Max-Age=31536000/);
    const alert = await smtp.nthMailTo(ana.email, 2);
    expect(alert.subject).toBe("New sign-in to your Chatterbox account");
    expect(alert.text).toContain("IP address:");
    expect(alert.text).toContain("reset it now");

    // The same browser again (it sends its device cookie back): no alert.
    const known = await browserSignIn(t.base, ana.username, ana.password, device?.split(";")[0]);
    expect(known.status).toBe(200);
    // ...which it gets again, for another year.
    expect(known.setCookies.find((c) => c.startsWith("cbx_device="))?.split(";")[0]).toBe(device?.split(";")[0]);
    // An API client without the cookie is a new device; a wrong password alerts nobody.
    const api = await request(t.base, "POST", "/api/v1/auth/token", {
      json: { username: ana.username, password: ana.password },
      headers: { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0" },
    });
    expect(api.status).toBe(200);
    expect((await smtp.nthMailTo(ana.email, 3)).text).toContain("Firefox on Windows");
    expect((await signIn(ana, "wrong password")).status).toBe(401);
    await sleep(500);
    expect(smtp.mailsTo(ana.email)).toHaveLength(3);
  });

  it("sends one digest of unread messages after the chosen hours, never twice, and none when off", async () => {
    const ana = await verified("Ana");
    const [ben] = await t.people("Ben");
    let n = 0;
    const say = async (text: string) => {
      const res = await request(t.base, "POST", "/api/v1/messages", {
        token: ben.token,
        json: { id: `dg-${Date.now()}-${++n}`, text, to: ana.userId },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    await say("Before the digest");
    t.advance(25 * 60 * MINUTE);
    await sleep(2500);
    expect(smtp.mailsTo(ana.email)).toHaveLength(1); // off by default

    const on = await request(t.base, "PUT", "/api/v1/users/me/email/digest", { token: ana.token, json: { hours: 1 } });
    expect(on.body).toEqual({ email: ana.email, pendingEmail: null, digestHours: 1 });
    expect((await request(t.base, "PUT", "/api/v1/users/me/email/digest", { token: ana.token, json: { hours: 3 } })).status).toBe(400);
    await say("Are you there?");
    await say("Hello?");
    await sleep(2500);
    expect(smtp.mailsTo(ana.email)).toHaveLength(1); // not an hour old yet
    t.advance(61 * MINUTE);
    const digest = await smtp.nthMailTo(ana.email, 2);
    expect(digest.subject).toBe("3 unread messages on Chatterbox");
    expect(digest.text).toContain("Ben: 3 unread");
    expect(digest.text).not.toContain("Hello?"); // never the messages themselves
    await sleep(2500);
    t.advance(120 * MINUTE);
    await sleep(2500);
    expect(smtp.mailsTo(ana.email)).toHaveLength(2);
  });

  it("leaves muted chats and blocked people out of the digest, and names a group's latest sender", async () => {
    const ana = await verified("Ana");
    const [ben, cara, dan, eve] = await t.people("Ben", "Cara", "Dan", "Eve");
    await request(t.base, "PUT", "/api/v1/users/me/email/digest", { token: ana.token, json: { hours: 1 } });
    let n = 0;
    const say = async (from: TestUser, target: { to: string } | { conversationId: string }) => {
      const res = await request(t.base, "POST", "/api/v1/messages", {
        token: from.token,
        json: { id: `dg2-${Date.now()}-${++n}`, text: "psst", ...target },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.message.conversationId as string;
    };
    await openToGroups(t.base, ana, cara);
    const group = await request(t.base, "POST", "/api/v1/groups", {
      token: ben.token,
      json: { name: "Climbers", participants: [ana.userId, cara.userId] },
    });
    expect(group.status).toBe(201);
    await say(ben, { conversationId: group.body.id });
    await say(cara, { conversationId: group.body.id });
    const muted = await say(dan, { to: ana.userId });
    await request(t.base, "PATCH", `/api/v1/conversations/${muted}`, { token: ana.token, json: { mute: "always" } });
    await request(t.base, "PUT", `/api/v1/users/${eve.userId}/block`, { token: ana.token });
    await say(eve, { to: ana.userId });

    t.advance(61 * MINUTE);
    const digest = await smtp.nthMailTo(ana.email, 2);
    expect(digest.text).toMatch(/Climbers: \d+ unread, latest from Cara/);
    expect(digest.text).toContain("in 1 chat:");
    expect(digest.text).not.toContain("Dan");
    expect(digest.text).not.toContain("Eve");
  });

  it("lets admins (only) send a user a test email", async () => {
    const [root, cara] = await t.people("Root", "Cara");
    const ana = await verified("Ana");
    await t.db.run(`UPDATE "User" SET "isAdmin" = true WHERE "id" = ?`, [root.userId]);
    const send = (caller: TestUser, json: unknown) => request(t.base, "POST", "/api/v1/notifications/email", { token: caller.token, json });
    expect((await send(cara, { userId: ana.userId })).status).toBe(403);
    expect((await send(root, { userId: "nobody" })).status).toBe(404);
    const none = await send(root, { userId: cara.userId });
    expect(none.status).toBe(422);
    expect(none.body.error.message).toBe("This user has no verified email address");
    const sent = await send(root, { userId: ana.userId, subject: "Checking email", text: "Does this arrive?" });
    expect(sent.status).toBe(202);
    const mail = await smtp.nthMailTo(ana.email, 2);
    expect(mail.subject).toBe("Checking email");
    expect(mail.text).toContain("Does this arrive?");
  });
});

describe("email without SMTP_URL", () => {
  const t = useTestServer(testDatabases[0]);

  it("writes each email to DATA_DIR/outbox as an .eml file", async () => {
    const [ana] = await t.people("Ana");
    const email = `${uniqueName("eml")}@example.com`;
    expect((await request(t.base, "PUT", "/api/v1/users/me/email", { token: ana.token, json: { email } })).status).toBe(200);
    const outbox = path.join(t.dataDir, "outbox");
    const emls = () => (existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith(".eml")) : []);
    for (let i = 0; i < 100 && !emls().length; i++) await sleep(100);
    const files = emls();
    expect(files).toHaveLength(1);
    const mail = await simpleParser(readFileSync(path.join(outbox, files[0])));
    expect(mail.subject).toBe("Confirm your email address for Chatterbox");
    expect(mail.from?.text).toMatch(/no-reply@localhost/);
    expect(mail.text).toMatch(/\/verify-email\?token=/);
  });
});
