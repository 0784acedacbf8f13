// The layering rules, checked on the source: components/ and lib/ run in the browser and never import
// server code; the server doesn't import the client's code either (what both need is in lib/shared or
// lib/contracts); services are handed their context (only the composition roots call ctx()); and no
// module imports itself back at run time.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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

/** Each import or re-export of a file: its specifier, the path it names relative to the root, and whether it is type-only. */
function importsOf(file: string): { spec: string; resolved: string; typeOnly: boolean }[] {
  return [...readFileSync(file, "utf8").matchAll(importPattern)].map((match) => {
    const spec = match[1] ?? match[2];
    const resolved = spec.startsWith(".") ? path.relative(root, path.resolve(path.dirname(file), spec)) : spec.replace(/^@\//, "");
    // `import type { A } from`, `export type { A } from`, or every name in the braces marked `type`.
    const clause = match[0].replace(/\s*from\s*["'][^"']+["']$/, "");
    const braces = clause.match(/^(?:import|export)\s*\{([^}]*)\}$/)?.[1];
    const names = braces
      ?.split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    const typeOnly = /^(import|export)\s+type\s/.test(clause) || Boolean(names?.every((name) => name.startsWith("type ")));
    return { spec, resolved, typeOnly };
  });
}

const relative = (file: string) => path.relative(root, file);

describe("layering", () => {
  for (const layer of ["components", "lib"]) {
    it(`${layer}/ never imports server/ or Node-only packages`, () => {
      const offenders: string[] = [];
      for (const file of sourceFiles(path.join(root, layer))) {
        for (const { spec, resolved } of importsOf(file)) {
          if (/^server(\/|$)/.test(resolved) || /^(node:|@prisma\/|better-sqlite3|pg$|argon2|sharp)/.test(spec)) {
            offenders.push(`${relative(file)} imports ${spec}`);
          }
        }
      }
      expect(offenders).toEqual([]);
    });
  }

  it("server/ never imports the client's code (lib/client) or components/", () => {
    const offenders = sourceFiles(path.join(root, "server")).flatMap((file) =>
      importsOf(file)
        .filter(({ resolved }) => /^(lib\/client|components)(\/|$)/.test(resolved))
        .map(({ spec }) => `${relative(file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe("dependencies", () => {
  // Where ctx() may be called: the roots that Next or Socket.IO call into, which hand the context down.
  const compositionRoots = [
    /^server\/context\.ts$/, // defines it
    /^server\/http\/route\.ts$/, // the REST route adapter: every handler gets `app`
    /^server\/realtime\/io\.ts$/, // the Socket.IO handshake (handlers are given `app` at registration)
    /^app\/api\/auth\/\[\.\.\.nextauth\]\/route\.ts$/, // next-auth's own route
    /^app\/.*page\.tsx$/, // server-rendered pages
  ];

  it("only the composition roots call the ctx() service locator", () => {
    const offenders = ["server", "app", "lib", "components"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => !compositionRoots.some((allowed) => allowed.test(relative(file))))
      .filter((file) => /\bctx\(\)/.test(readFileSync(file, "utf8")))
      .map(relative);
    expect(offenders).toEqual([]);
  });

  it("has no runtime import cycle among server/, lib/ and components/", () => {
    const resolve = (target: string): string | undefined =>
      [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`].find(
        (candidate) => existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile(),
      );
    const graph = new Map<string, string[]>();
    for (const file of ["server", "lib", "components"].flatMap((dir) => sourceFiles(path.join(root, dir)))) {
      const targets = importsOf(file)
        .filter(({ typeOnly, resolved }) => !typeOnly && /^(server|lib|components)\//.test(resolved))
        .flatMap(({ resolved }) => resolve(resolved) ?? []);
      graph.set(relative(file), targets);
    }
    // Depth-first search: reaching a module still on the path closes a cycle.
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open") cycles.push([...trail.slice(trail.indexOf(next)), file, next].join(" -> "));
        else if (!state.has(next)) visit(next, trail.concat(file));
      }
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
