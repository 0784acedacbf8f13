// GET /api/v1/system/health as a load balancer and an operator use it: 200 while the process can serve,
// 503 with the reason once its database is gone.
import { describe, expect, it } from "vitest";
import type { SystemHealth } from "../../lib/contracts/system";
import { connect, connected, createUser, request } from "../helpers/client";
import { freshPostgres, freshSqliteUrl } from "../helpers/databases";
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
    const database = await freshPostgres();
    const server = await startServer({ DATABASE_URL: database.url });
    try {
      expect((await health(server.url)).body.database).toMatchObject({ status: "up", provider: "postgresql" });
      await database.admin.query(`DROP DATABASE ${new URL(database.url).pathname.slice(1)} WITH (FORCE)`);
      const { status, body } = await health(server.url);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: "unavailable", database: { status: "down", latencyMs: null } });
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
