import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

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
