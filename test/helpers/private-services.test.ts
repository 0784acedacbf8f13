import { existsSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type PrivateService, redisPing, startPrivatePostgres, startPrivateRedis } from "./private-services";

const TIMEOUT = 60_000;

/** Runs one query on a fresh connection (a restart kills pooled connections). */
async function query<Row extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("private Redis", () => {
  let redis: PrivateService | undefined;
  afterAll(() => redis?.stop());

  it(
    "answers PING, comes back on the same port after a restart, and stops for good",
    async () => {
      redis = await startPrivateRedis();
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(redis.port).not.toBe(6379);
      expect(await redisPing(redis.port)).toBe(true);

      const restarted = redis.restart(300);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await redisPing(redis.port)).toBe(false);
      await restarted;
      expect(await redisPing(redis.port)).toBe(true);

      await redis.stop();
      await redis.stop(); // idempotent
      expect(await redisPing(redis.port)).toBe(false);
      expect(existsSync(redis.dir)).toBe(false);
    },
    TIMEOUT,
  );
});

describe("private PostgreSQL", () => {
  let postgres: PrivateService | undefined;
  afterAll(() => postgres?.stop());

  it(
    "keeps committed rows across a restart on the same port, and stops for good",
    async () => {
      postgres = await startPrivatePostgres();
      const { url, port } = postgres;
      expect(url).toBe(`postgresql://postgres@127.0.0.1:${port}/postgres`);
      expect(port).not.toBe(5432);

      await query(url, "CREATE TABLE kept (id int PRIMARY KEY, body text NOT NULL)");
      await query(url, "INSERT INTO kept VALUES ($1, $2)", [1, "survives 🙂"]);

      const restarted = postgres.restart(300);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await expect(query(url, "SELECT 1")).rejects.toThrow();
      await restarted;
      expect(await query<{ id: number; body: string }>(url, "SELECT id, body FROM kept")).toEqual([{ id: 1, body: "survives 🙂" }]);

      await postgres.stop();
      await postgres.stop(); // idempotent
      await expect(query(url, "SELECT 1")).rejects.toThrow();
    },
    TIMEOUT,
  );

  it(
    "runs two clusters side by side and removes their files on stop",
    async () => {
      const [a, b] = await Promise.all([startPrivatePostgres(), startPrivatePostgres()]);
      try {
        expect(a.port).not.toBe(b.port);
        await query(a.url, "CREATE TABLE only_in_a (id int)");
        expect(await query(b.url, "SELECT to_regclass('only_in_a') AS t")).toEqual([{ t: null }]);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
      await expect(query(a.url, "SELECT 1")).rejects.toThrow();
      expect(existsSync(a.dir)).toBe(false);
      expect(existsSync(b.dir)).toBe(false);
    },
    TIMEOUT,
  );
});
