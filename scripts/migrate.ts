// `npm run db:migrate`: applies pending migrations to DATABASE_URL (the server also does this at start).

import { migrate, migrationsDir, readMigrations } from "../server/db/migrate";
import { loadEnv } from "../server/env";

const { databaseUrl } = loadEnv();
const applied = await migrate(databaseUrl, readMigrations(migrationsDir(databaseUrl)));
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
