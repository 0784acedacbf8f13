// Runs domain services in-process against a fresh, migrated SQLite database, recording what they publish.
import pino from "pino";
import { createSignInLimiter, createSignUpLimiter } from "../../server/auth/rate-limit";
import { type AppContext, setContext } from "../../server/context";
import { createDb } from "../../server/db/client";
import { migrate, migrationsDir, readMigrations } from "../../server/db/migrate";
import { loadEnv, resolveEnv } from "../../server/env";
import { freshSqliteUrl } from "./databases";

export interface Published {
  userUpdated: string[];
  sessionsRevoked: string[][];
}

export async function useServiceContext(): Promise<{ context: AppContext; published: Published; close: () => Promise<void> }> {
  const url = freshSqliteUrl();
  await migrate(url, readMigrations(migrationsDir(url)));
  const env = resolveEnv(loadEnv({ DATABASE_URL: url, DATA_DIR: url.slice(5, url.lastIndexOf("/")) }), 3000);
  const published: Published = { userUpdated: [], sessionsRevoked: [] };
  const context: AppContext = {
    env,
    db: createDb(url),
    log: pino({ level: "silent" }),
    signInLimiter: createSignInLimiter(),
    signUpLimiter: createSignUpLimiter(),
    publisher: {
      userUpdated: async (id) => void published.userUpdated.push(id),
      sessionsRevoked: (ids) => void published.sessionsRevoked.push(ids),
    },
  };
  setContext(context);
  return {
    context,
    published,
    close: async () => {
      setContext(undefined);
      await context.db.$disconnect();
    },
  };
}
