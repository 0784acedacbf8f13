import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export interface TestDatabase {
  name: "sqlite" | "postgresql";
  /** A fresh database URL (a new SQLite file each call; the shared test PostgreSQL database). */
  url: () => string;
}

export const freshSqliteUrl = () => `file:${path.join(mkdtempSync(path.join(tmpdir(), "cbx-db-")), "test.db")}`;

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const testDatabases: TestDatabase[] = [
  { name: "sqlite", url: freshSqliteUrl },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "postgresql" as const, url: () => process.env.TEST_DATABASE_URL as string }] : []),
];

/** Usernames unique across runs, since PostgreSQL test data is shared by every test file. */
export const uniqueName = (prefix = "u") => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;

/** A new, empty PostgreSQL database next to TEST_DATABASE_URL's (for tests that need no other users); `drop` removes it. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void>; admin: pg.Client }> {
  const base = new URL(process.env.TEST_DATABASE_URL as string);
  const name = `cbx_t_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    admin,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** SQLite, and PostgreSQL when TEST_DATABASE_URL is set, each as a new, empty database. */
export const emptyDatabases: { name: "sqlite" | "postgresql"; create: () => Promise<{ url: string; drop: () => Promise<void> }> }[] = [
  { name: "sqlite", create: async () => ({ url: freshSqliteUrl(), drop: async () => {} }) },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "postgresql" as const, create: freshPostgres }] : []),
];
