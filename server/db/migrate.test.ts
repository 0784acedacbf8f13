import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { freshSqliteUrl } from "../../test/helpers/databases";
import { type Migration, migrate, migrationsDir, readMigrations } from "./migrate";
import { sqliteFile } from "./provider";

const m = (name: string, sql: string): Migration => ({ name, sql, checksum: `sum-of-${sql}` });

describe("migration runner", () => {
  it("applies the committed migrations once, in order", async () => {
    const url = freshSqliteUrl();
    const committed = readMigrations(migrationsDir(url));
    expect(committed[0].name).toBe("0001_init");
    expect(await migrate(url, committed)).toEqual(committed.map((x) => x.name));
    expect(await migrate(url, committed)).toEqual([]);
    const db = new Database(sqliteFile(url));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r: any) => r.name);
    expect(tables).toEqual(expect.arrayContaining(["User", "Session", "Avatar", "_app_migrations"]));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("rolls back a failing migration and refuses edited ones", async () => {
    const url = freshSqliteUrl();
    await migrate(url, [m("0001_a", "CREATE TABLE a (x INT);")]);
    await expect(
      migrate(url, [m("0001_a", "CREATE TABLE a (x INT);"), m("0002_b", "CREATE TABLE b (x INT); SELEC nonsense;")]),
    ).rejects.toThrow();
    const db = new Database(sqliteFile(url));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
    await expect(migrate(url, [m("0001_a", "CREATE TABLE a (y INT);")])).rejects.toThrow(/was changed after it was applied/);
  });
});
