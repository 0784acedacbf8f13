// Generates one Prisma client per provider (run by postinstall and whenever the schema changes).
import { execFileSync } from "node:child_process";
import { offlineEngines, type Provider, placeholderUrl, root, writeSchema } from "./prisma-schemas";

for (const provider of ["sqlite", "postgresql"] satisfies Provider[]) {
  execFileSync("npx", ["prisma", "generate", "--no-hints", "--schema", writeSchema(provider)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...offlineEngines, DATABASE_URL: placeholderUrl[provider] },
  });
}
