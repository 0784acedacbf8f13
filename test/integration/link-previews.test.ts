// Link previews (POST /api/v1/link-previews): the server fetches a page for the user who is about to send
// its link, from public addresses only (and the one the test allows, LINK_PREVIEW_ALLOWED_ADDRESSES),
// within its time and size caps; the preview then travels in the message, checked like the rest of it.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { linkPreviewSchema } from "../../lib/contracts/link-preview";
import { chatMessageSchema } from "../../lib/contracts/outputs";
import { request, type TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { PAGE_DESCRIPTION, PAGE_TITLE, startLinkPages } from "../helpers/link-pages";
import { useTestServer } from "../helpers/test-server";

const pages = await startLinkPages();
afterAll(() => pages.close());

describe.each(testDatabases)("link previews on $name", (database) => {
  const t = useTestServer(database, { LINK_PREVIEW_ALLOWED_ADDRESSES: `127.0.0.1:${pages.port}`, LIMIT_LINK_PREVIEWS_PER_MINUTE: "25" });
  const preview = (user: TestUser, url: string) => request(t.base, "POST", "/api/v1/link-previews", { token: user.token, json: { url } });

  it("previews an allowed page: its Open Graph title, description, site name and a small JPEG of its image, after redirects", async () => {
    const [ana] = await t.people("Ana");
    const res = await preview(ana, pages.url("/hop/3"));
    expect(res.status).toBe(200);
    const body = linkPreviewSchema.parse(res.body);
    expect(body).toMatchObject({
      url: pages.url("/hop/3"),
      title: PAGE_TITLE,
      description: PAGE_DESCRIPTION,
      siteName: "Chatterbox Gazette",
    });
    expect(body.image).toMatch(/^data:image\/jpeg;base64,/);
    expect(Buffer.from((body.image as string).split(",")[1], "base64").length).toBeLessThan(20_000);
    expect(pages.hits.slice(-5)).toEqual(["/hop/3", "/hop/2", "/hop/1", "/article", "/lighthouse.png"]);
  });

  it("refuses loopback, private and link-local addresses, and a redirect to one, without fetching them", async () => {
    const [ana] = await t.people("Ana");
    const refused = [
      t.base.replace("localhost", "127.0.0.1"), // the server itself: loopback on another port than the allowed one
      `http://localhost:${pages.port + 1}/`,
      `http://[::1]:${pages.port}/article`,
      "http://10.0.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:192.168.1.1]/",
      pages.url("/to-loopback"),
    ];
    for (const url of refused) {
      const res = await preview(ana, url);
      expect(res.status, url).toBe(422);
      expect(res.body.error.message, url).toMatch(/private or local address/);
    }
    expect(pages.hits.filter((h) => h === "/article").length).toBe(pages.hits.filter((h) => h === "/hop/1").length);
  });

  it("answers 422 with the reason for what has no preview, and stops reading a page whose head never ends", async () => {
    const [ana] = await t.people("Ana");
    const endless = await preview(ana, pages.url("/endless-head"));
    expect(endless.status).toBe(200);
    expect(endless.body).toMatchObject({ title: "Endless", image: null });
    const cases: [string, RegExp][] = [
      [pages.url("/picture"), /isn't a web page/],
      [pages.url("/missing"), /answered 404/],
      [pages.url("/hop/4"), /redirects too many times/],
      ["http://no-such-host.invalid/", /can't be found/],
    ];
    for (const [url, message] of cases) {
      const res = await preview(ana, url);
      expect(res.status, url).toBe(422);
      expect(res.body.error.message, url).toMatch(message);
    }
    const started = Date.now();
    const slow = await preview(ana, pages.url("/slow"));
    expect(slow.status).toBe(422);
    expect(slow.body.error.message).toMatch(/took too long/);
    expect(Date.now() - started).toBeLessThan(7_000);
  });

  it("checks the request: an http(s) link, a signed-in user, the user's setting, and a rate limit", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "example"]) expect((await preview(ana, url)).status).toBe(400);
    expect((await request(t.base, "POST", "/api/v1/link-previews", { json: { url: pages.url("/article") } })).status).toBe(401);

    const off = await request(t.base, "PATCH", "/api/v1/users/me/privacy", { token: ana.token, json: { linkPreviews: false } });
    expect(off.body.linkPreviews).toBe(false);
    const hits = pages.hits.length;
    const refused = await preview(ana, pages.url("/article"));
    expect(refused.status).toBe(403);
    expect(pages.hits.length).toBe(hits);

    let limited = await preview(ben, "http://10.0.0.1/");
    for (let i = 0; i < 30 && limited.status !== 429; i++) limited = await preview(ben, "http://10.0.0.1/");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("carries the preview in a text message whose text has its link, checked like the rest of the message", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const card = linkPreviewSchema.parse((await preview(ana, pages.url("/article"))).body);
    const text = `Look: ${pages.url("/article")}`;
    const send = (fields: object) =>
      request(t.base, "POST", "/api/v1/messages", { token: ana.token, json: { id: randomUUID(), to: ben.userId, text, ...fields } });
    const sent = await send({ linkPreview: card });
    expect(sent.status).toBe(201);
    const history = await request(t.base, "GET", `/api/v1/conversations/${sent.body.message.conversationId}/messages`, {
      token: ben.token,
    });
    const received = chatMessageSchema.parse(history.body.messages.at(-1));
    expect(received.linkPreview).toEqual(card);

    for (const bad of [
      { ...card, url: "https://elsewhere.example/" },
      { ...card, image: "data:image/svg+xml;base64,PHN2Zz4=" },
      { ...card, title: "x".repeat(400) },
    ])
      expect((await send({ linkPreview: bad })).status).toBe(400);

    // An edit that takes the link out takes the card with it.
    const { seq, conversationId } = sent.body.message;
    const edited = await request(t.base, "PATCH", `/api/v1/conversations/${conversationId}/messages/${seq}`, {
      token: ana.token,
      json: { text: "never mind" },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.linkPreview).toBeUndefined();
  });
});
