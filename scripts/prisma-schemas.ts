// Derives the PostgreSQL Prisma schema from prisma/schema.prisma (the single source of truth).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export const root = path.resolve(import.meta.dirname, "..");
/** Native engines are never needed (wasm query compiler, JS schema engine); this stops downloads of them. */
export const offlineEngines = { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false" };

/** The CLI wants a URL of the right provider; `migrate diff` opens it (so PostgreSQL must be reachable). */
export const placeholderUrl: Record<Provider, string> = {
  sqlite: `file:${path.join(tmpdir(), "prisma-cli-unused.db")}`,
  postgresql: process.env.PRISMA_CLI_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
};

export const sourceSchema = path.join(root, "prisma/schema.prisma");

/** The schema text for a provider; `source` lets the migration script derive it from a snapshot. */
export function schemaFor(provider: Provider, source = readFileSync(sourceSchema, "utf8")): string {
  if (provider === "sqlite") return source;
  const out = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../generated/prisma/sqlite"', 'output     = "./prisma/postgresql"');
  if (out === source) throw new Error("prisma/schema.prisma no longer has the expected provider/output lines");
  return out;
}

/** Writes the schema for a provider to disk and returns its path (the SQLite one is the source itself). */
export function writeSchema(provider: Provider): string {
  if (provider === "sqlite") return sourceSchema;
  const file = path.join(root, "generated/schema.postgresql.prisma");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, schemaFor(provider));
  return file;
}
