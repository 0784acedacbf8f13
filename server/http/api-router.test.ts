import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type NextRequest, NextResponse } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiRoute, createApiRouter } from "./api-router";

const echo =
  (route: string) =>
  async (req: NextRequest, { params }: { params: Promise<Record<string, string>> }) =>
    NextResponse.json({
      route,
      method: req.method,
      params: await params,
      query: Object.fromEntries(req.nextUrl.searchParams),
      cookie: req.cookies.get("c")?.value ?? null,
      body: req.method === "POST" ? await req.text() : null,
    });

const routes: ApiRoute[] = [
  { path: "/api/v1/messages", module: { POST: echo("messages") } },
  { path: "/api/v1/messages/search", module: { GET: echo("search") } },
  { path: "/api/v1/conversations/[id]/messages", module: { GET: echo("history") } },
  { path: "/api/v1/conversations/[id]/messages/[seq]", module: { GET: echo("message"), DELETE: echo("delete") } },
  { path: "/api/v1/conversations/[id]/read", module: { POST: echo("read") } },
  {
    path: "/api/v1/cookies",
    module: {
      GET: async () => {
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("streamed"));
            controller.close();
          },
        });
        const res = new NextResponse(body);
        res.cookies.set("a", "1");
        res.cookies.set("b", "2");
        return res;
      },
    },
  },
];

let server: Server;
let base: string;
const errors: unknown[] = [];

beforeAll(async () => {
  const api = createApiRouter(routes, (error) => errors.push(error));
  server = createServer((req, res) => {
    if (!api(req, res)) res.writeHead(418).end("not mine");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the API router", () => {
  it("calls a route's handler for its method, with decoded path parameters, the query, cookies and the body", async () => {
    const history = await fetch(`${base}/api/v1/conversations/a%20b/messages?before=5`, { headers: { cookie: "c=3" } });
    expect(await history.json()).toEqual({
      route: "history",
      method: "GET",
      params: { id: "a b" },
      query: { before: "5" },
      cookie: "3",
      body: null,
    });
    const sent = await fetch(`${base}/api/v1/messages`, { method: "POST", body: '{"text":"hi"}' });
    expect(await sent.json()).toMatchObject({ route: "messages", method: "POST", body: '{"text":"hi"}' });
    const deleted = await fetch(`${base}/api/v1/conversations/c1/messages/7?for=everyone`, { method: "DELETE" });
    expect(await deleted.json()).toMatchObject({ route: "delete", params: { id: "c1", seq: "7" }, query: { for: "everyone" } });
  });

  it("prefers a fixed segment over a parameter, as Next does", async () => {
    expect(await (await fetch(`${base}/api/v1/messages/search?q=x`)).json()).toMatchObject({ route: "search" });
    expect(await (await fetch(`${base}/api/v1/conversations/c1/read`, { method: "POST" })).json()).toMatchObject({
      route: "read",
      params: { id: "c1" },
    });
  });

  it("answers 405 with Allow for a method the route lacks, OPTIONS with 204, HEAD from GET without a body", async () => {
    const wrong = await fetch(`${base}/api/v1/messages`);
    expect([wrong.status, wrong.headers.get("allow")]).toEqual([405, "POST, OPTIONS"]);
    const options = await fetch(`${base}/api/v1/conversations/c1/messages/7`, { method: "OPTIONS" });
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, DELETE, OPTIONS, HEAD"]);
    const head = await fetch(`${base}/api/v1/messages/search`, { method: "HEAD" });
    expect([head.status, head.headers.get("content-type"), await head.text()]).toEqual([200, "application/json", ""]);
  });

  it("streams a body and sends every cookie the handler set", async () => {
    const res = await fetch(`${base}/api/v1/cookies`);
    expect(await res.text()).toBe("streamed");
    expect(res.headers.getSetCookie().map((c) => c.split(";")[0])).toEqual(["a=1", "b=2"]);
  });

  it("leaves paths it has no route for to the next handler", async () => {
    for (const path of ["/api/v1/nothing", "/api/v1/conversations/c1", "/api/v1/messages/search/more", "/sign-in"]) {
      const res = await fetch(base + path);
      expect([path, res.status]).toEqual([path, 418]);
    }
    expect(errors).toEqual([]);
  });
});
