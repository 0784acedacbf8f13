// The Prisma client for the configured provider. Both generated clients share one model API; the
// SQLite client's type stands for both.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../../generated/prisma/postgresql/client";
import { PrismaClient as SqliteClient } from "../../generated/prisma/sqlite/client";
import { providerOf, sqliteFile } from "./provider";

export type Db = SqliteClient;

export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: `file:${sqliteFile(databaseUrl)}` }) });
}
