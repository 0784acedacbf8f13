// Authors a migration for both providers: `npm run db:migration -- <name>`.
// Diffs prisma/schema.prisma against the snapshot of the schema as of the last migration (the JS schema
// engine can't use a shadow database), writes prisma/migrations/<provider>/<NNNN_name>/migration.sql for
// each provider, then moves the snapshot forward. The server applies them at start (server/db/migrate.ts).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { offlineEngines, type Provider, placeholderUrl, root, schemaFor, sourceSchema } from "./prisma-schemas";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lower-case letters, digits, underscores)");
  process.exit(2);
}
const migrationsDir = path.join(root, "prisma/migrations");
const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
const work = path.join(tmpdir(), `migration-${process.pid}`);
mkdirSync(work, { recursive: true });

const existing = existsSync(path.join(migrationsDir, "sqlite")) ? readdirSync(path.join(migrationsDir, "sqlite")) : [];
const folder = `${String(existing.length + 1).padStart(4, "0")}_${name}`;

// Both diffs are computed before anything is written, so a failure never leaves one provider ahead.
const scripts = (["sqlite", "postgresql"] satisfies Provider[]).map((provider) => {
  const to = path.join(work, `to.${provider}.prisma`);
  writeFileSync(to, schemaFor(provider));
  const from = ["--from-empty"];
  if (existsSync(snapshot)) {
    const fromFile = path.join(work, `from.${provider}.prisma`);
    writeFileSync(fromFile, schemaFor(provider, readFileSync(snapshot, "utf8")));
    from.splice(0, 1, "--from-schema-datamodel", fromFile);
  }
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], {
    cwd: root,
    env: { ...process.env, ...offlineEngines, DATABASE_URL: placeholderUrl[provider] },
    encoding: "utf8",
  });
  if (!/^(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE)/m.test(sql)) {
    console.error("The schema has not changed since the last migration; nothing written.");
    process.exit(1);
  }
  return { provider, sql };
});
for (const { provider, sql } of scripts) {
  const dir = path.join(migrationsDir, provider, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
}
copyFileSync(sourceSchema, snapshot);
