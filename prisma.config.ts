// Prisma CLI config: the JavaScript schema engine runs offline (no native engine download). The adapter
// follows DATABASE_URL, like the server does (server/db/provider.ts).
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/chatterbox.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    if (/^postgres(ql)?:\/\//.test(url)) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
