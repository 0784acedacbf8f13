// GET /api/v1/system/health as a load balancer and an operator use it: 200 while the process can serve,
// 503 with the reason once its database is gone.
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { SystemHealth } from "../../lib/contracts/system";
import { connect, connected, createUser, request } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { startServer } from "../helpers/server";

const health = (base: string) => request<SystemHealth>(base, "GET", "/api/v1/system/health");

describe("system health", () => {
  it("reports the database, the process and its open sockets, without signing in", async () => {
    const server = await startServer({ DATABASE_URL: freshSqliteUrl() });
    try {
      const user = await createUser(server.url);
      const socket = connect(server.url, { token: user.token });
      await connected(socket);
      const { status, body, headers } = await health(server.url);
      expect(status).toBe(200);
      expect(headers.get("cache-control")).toBe("no-store");
      expect(body).toMatchObject({
        status: "ok",
        database: { status: "up", provider: "sqlite" },
        redis: { status: "not_configured" },
        sockets: 1,
      });
      expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
      expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
      expect(body.memoryMiB.rss).toBeGreaterThan(body.memoryMiB.heapUsed);
      expect(body.cpuSeconds.user).toBeGreaterThan(0);
      expect(body.eventLoopLagMs.max).toBeGreaterThanOrEqual(body.eventLoopLagMs.mean);
      socket.disconnect();
      await expect.poll(async () => (await health(server.url)).body.sockets).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)("answers 503 when its PostgreSQL database is gone", async () => {
    const admin = new URL(process.env.TEST_DATABASE_URL as string);
    const name = `cbx_health_${Math.random().toString(36).slice(2, 10)}`;
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const server = await startServer({ DATABASE_URL: url.toString() });
    try {
      expect((await health(server.url)).body.database).toMatchObject({ status: "up", provider: "postgresql" });
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
      const { status, body } = await health(server.url);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: "unavailable", database: { status: "down", latencyMs: null } });
    } finally {
      await server.stop();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  });
});
