// The SQLite driver checkpoints its WAL from a worker thread, never in a commit on the event loop.
import { statSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
import { freshSqliteUrl } from "../../test/helpers/databases";
import { sqliteFile } from "../db/provider";
import { createDriver, type Driver } from "./driver";

let driver: Driver | undefined;
afterEach(async () => driver?.close());

it("keeps the WAL from growing without checkpointing in any commit", async () => {
  const url = freshSqliteUrl();
  driver = createDriver(url);
  expect(await driver.get(`PRAGMA wal_autocheckpoint`)).toEqual({ wal_autocheckpoint: 0 });
  await driver.run(`CREATE TABLE "t" ("id" INTEGER PRIMARY KEY, "body" TEXT)`);
  const wal = () => statSync(`${sqliteFile(url)}-wal`).size;
  const write = async () => {
    for (let i = 0; i < 50; i++) {
      await driver?.transaction(async (tx) => {
        for (let j = 0; j < 20; j++) await tx.run(`INSERT INTO "t" ("body") VALUES (?)`, ["x".repeat(1000)]);
      });
    }
  };
  await write();
  const first = wal();
  expect(first).toBeGreaterThan(1_000_000);
  // The checkpointer runs every 500 ms; after it caught up, new commits reuse the WAL from the start.
  await new Promise((r) => setTimeout(r, 1200));
  await write();
  expect(wal()).toBeLessThan(first * 1.5);
});
