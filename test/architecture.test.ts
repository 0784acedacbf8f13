// components/ and lib/ run in the browser: they must never import server code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [file] : [];
  });
}

const importPattern = /(?:import|export)\s[^"'`]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

describe("layering", () => {
  for (const layer of ["components", "lib"]) {
    it(`${layer}/ never imports server/ or Node-only packages`, () => {
      const offenders: string[] = [];
      for (const file of sourceFiles(path.join(root, layer))) {
        for (const match of readFileSync(file, "utf8").matchAll(importPattern)) {
          const spec = match[1] ?? match[2];
          const resolved = spec.startsWith(".") ? path.relative(root, path.resolve(path.dirname(file), spec)) : spec.replace(/^@\//, "");
          if (/^server(\/|$)/.test(resolved) || /^(node:|@prisma\/|better-sqlite3|pg$|argon2|sharp)/.test(spec)) {
            offenders.push(`${path.relative(root, file)} imports ${spec}`);
          }
        }
      }
      expect(offenders).toEqual([]);
    });
  }
});
