// Request ids as an operator uses them: every answer names its id, the access log has one JSON line per
// request with it, and a proxy's id is kept only when the proxy is trusted.
import { describe, expect, it } from "vitest";
import { request } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { startServer } from "../helpers/server";

const logLines = (output: string) =>
  output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("request ids and the access log", () => {
  it("answers with an id, logs the request under it, and keeps a trusted proxy's id", async () => {
    const server = await startServer({ DATABASE_URL: freshSqliteUrl(), TRUST_PROXY: "true" });
    try {
      const own = await request(server.url, "GET", "/api/v1/system/health");
      expect(own.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      const proxied = await request(server.url, "GET", "/api/v1/users/me", { headers: { "x-request-id": "lb-7f3a.1" } });
      expect(proxied.status).toBe(401);
      expect(proxied.headers.get("x-request-id")).toBe("lb-7f3a.1");
      const forged = await request(server.url, "GET", "/api/v1/system/health", { headers: { "x-request-id": "<script>" } });
      expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      await expect
        .poll(() => logLines(server.output()).find((l) => l.reqId === "lb-7f3a.1"))
        .toMatchObject({ msg: "request", method: "GET", url: "/api/v1/users/me", status: 401 });
      expect(logLines(server.output()).find((l) => l.reqId === own.headers.get("x-request-id"))).toMatchObject({ status: 200 });
    } finally {
      await server.stop();
    }
  });

  it("replaces a client's id when no proxy is trusted", async () => {
    const server = await startServer({ DATABASE_URL: freshSqliteUrl() });
    try {
      const res = await request(server.url, "GET", "/api/v1/system/health", { headers: { "x-request-id": "client-chosen" } });
      expect(res.headers.get("x-request-id")).not.toBe("client-chosen");
    } finally {
      await server.stop();
    }
  });
});
