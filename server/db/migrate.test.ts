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

  it("rebuilds a parent table (a changed default) without losing its children's rows, and refuses broken keys", async () => {
    const url = freshSqliteUrl();
    const schema = `CREATE TABLE p (id TEXT PRIMARY KEY, v TEXT NOT NULL DEFAULT 'a');
      CREATE TABLE c (id TEXT PRIMARY KEY, pid TEXT NOT NULL REFERENCES p (id) ON DELETE CASCADE);
      INSERT INTO p (id) VALUES ('p1'); INSERT INTO c (id, pid) VALUES ('c1', 'p1');`;
    await migrate(url, [m("0001_a", schema)]);
    // What prisma migrate diff writes for a changed default on SQLite.
    const rebuild = `PRAGMA defer_foreign_keys=ON; PRAGMA foreign_keys=OFF;
      CREATE TABLE new_p (id TEXT PRIMARY KEY, v TEXT NOT NULL DEFAULT 'b');
      INSERT INTO new_p (id, v) SELECT id, v FROM p; DROP TABLE p; ALTER TABLE new_p RENAME TO p;
      PRAGMA foreign_keys=ON; PRAGMA defer_foreign_keys=OFF;`;
    await migrate(url, [m("0001_a", schema), m("0002_b", rebuild)]);
    const db = new Database(sqliteFile(url));
    expect(db.prepare("SELECT id, pid FROM c").all()).toEqual([{ id: "c1", pid: "p1" }]);
    db.close();
    await expect(migrate(url, [m("0001_a", schema), m("0002_b", rebuild), m("0003_c", "DELETE FROM p;")])).rejects.toThrow(
      /broken foreign keys/,
    );
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
