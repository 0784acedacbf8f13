// The Next configuration a production build resolved (next.config.ts with Next's defaults), as the build
// wrote it to .next/required-server-files.json, handed to Next the way its own standalone server does:
// Next then doesn't compile next.config.ts again at start, which would load its native compiler (~25 MiB
// of memory) for nothing.
import { readFileSync } from "node:fs";
import path from "node:path";

/** The variable Next's generated standalone server sets; loadConfig() takes it instead of reading the file. */
const BUILT_CONFIG_VARIABLE = "__NEXT_PRIVATE_STANDALONE_CONFIG";

export function adoptBuiltNextConfig(dir: string): void {
  const file = path.join(dir, ".next/required-server-files.json");
  process.env[BUILT_CONFIG_VARIABLE] = JSON.stringify((JSON.parse(readFileSync(file, "utf8")) as { config: unknown }).config);
}
