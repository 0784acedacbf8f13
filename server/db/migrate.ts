// Applies the committed migrations (prisma/migrations/<provider>/NNNN_name/migration.sql) in order, each
// in its own transaction, recording name and checksum. An applied migration whose file changed is an
// error, never silently re-run. PostgreSQL takes an advisory lock so several starting nodes don't race.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFile } from "./provider";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_TABLE = "_app_migrations";
const PG_LOCK_ID = 727_274_001;

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function migrationsDir(databaseUrl: string, root = process.cwd()): string {
  return path.join(root, "prisma/migrations", providerOf(databaseUrl));
}

/** Returns the names of the migrations it applied. */
export async function migrate(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  return providerOf(databaseUrl) === "postgresql"
    ? migratePostgres(databaseUrl, migrations)
    : migrateSqlite(sqliteFile(databaseUrl), migrations);
}

function pending(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const [name, checksum] of applied) {
    const m = migrations.find((x) => x.name === name);
    if (m && m.checksum !== checksum) {
      throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

function migrateSqlite(file: string, migrations: Migration[]): string[] {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const rows = db.prepare(`SELECT name, checksum FROM ${MIGRATIONS_TABLE}`).all() as { name: string; checksum: string }[];
    const todo = pending(new Map(rows.map((r) => [r.name, r.checksum])), migrations);
    const record = db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, applied_at) VALUES (?, ?, ?)`);
    // SQLite changes a column's default by rebuilding its table (Prisma's "RedefineTables": copy, DROP,
    // rename). With foreign keys enforced (better-sqlite3's default), the DROP deletes the old table's
    // rows first and cascades to every child table's rows. The "PRAGMA foreign_keys=OFF" in the generated
    // SQL is a no-op inside a transaction, so keys are turned off here, outside it, and checked before
    // each commit instead (SQLite's documented procedure for altering tables).
    db.pragma("foreign_keys = OFF");
    for (const m of todo) {
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma("foreign_key_check") as unknown[];
        if (broken.length) throw new Error(`migration ${m.name} leaves ${broken.length} rows with broken foreign keys`);
        record.run(m.name, m.checksum, new Date().toISOString());
      }).immediate();
    }
    return todo.map((m) => m.name);
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_ID]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${MIGRATIONS_TABLE}`);
    const todo = pending(new Map(rows.map((r) => [r.name, r.checksum])), migrations);
    for (const m of todo) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, applied_at) VALUES ($1, $2, now())`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_ID]).catch(() => {});
    await client.end();
  }
}
