// The SQLite driver checkpoints its WAL from a worker thread, never in a commit on the event loop.
import { readFileSync, statSync } from "node:fs";
import { endianness } from "node:os";
import { afterEach, expect, it, vi } from "vitest";
import { freshSqliteUrl } from "../../test/helpers/databases";
import { sqliteFile } from "../db/provider";
import { createDriver, type Driver } from "./driver";

/**
 * Whether a checkpoint has copied every frame of the WAL into the database: in the wal-index (the -shm
 * file, in native byte order), the checkpoint's nBackfill (offset 96) has reached the header's mxFrame
 * (offset 16). See https://www.sqlite.org/walformat.html.
 */
function checkpointed(url: string): boolean {
  const shm = readFileSync(`${sqliteFile(url)}-shm`);
  const u32 = (offset: number) => (endianness() === "LE" ? shm.readUInt32LE(offset) : shm.readUInt32BE(offset));
  return u32(16) > 0 && u32(96) === u32(16);
}

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
  // Once the checkpointer (every 500 ms) has caught up, new commits reuse the WAL from the start.
  await vi.waitFor(() => expect(checkpointed(url)).toBe(true), { timeout: 10_000, interval: 50 });
  await write();
  expect(wal()).toBeLessThan(first * 1.5);
});
