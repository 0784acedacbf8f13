// The Next configuration a production build resolved (next.config.ts with Next's defaults), as the build
// wrote it to .next/required-server-files.json.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";

export function builtNextConfig(dir: string): NextConfig {
  const file = path.join(dir, ".next/required-server-files.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { config: NextConfig }).config;
}
