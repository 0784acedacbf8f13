// The wire contract, docs/api.md and the code agree: every Socket.IO event and REST route the docs
// describe has its schemas in the registries (lib/contracts/socket-events.ts, routes.ts), every registered
// one is documented, and every route file under app/api/v1 has its registry entry (and the reverse).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routes } from "../lib/contracts/routes";
import { clientEvents, serverEvents } from "../lib/contracts/socket-events";

const root = path.join(import.meta.dirname, "..");
const api = readFileSync(path.join(root, "docs/api.md"), "utf8");
const METHODS = "GET|POST|PUT|PATCH|DELETE";

/** The rows of the markdown table under `heading`: the backquoted name in each row's first cell. */
function tableEvents(heading: string): string[] {
  const start = api.indexOf(`\n${heading}\n`);
  expect(start, `docs/api.md has the section "${heading}"`).toBeGreaterThan(-1);
  const section = api.slice(start + heading.length + 2).split(/\n#{2,3} /)[0];
  return [...section.matchAll(/^\| `([a-z-]+:[a-z-]+)` +\|/gm)].map((m) => m[1]);
}

/** A route with its parameter names left out: /users/:id and /users/:userId are one route. */
const shape = (route: string) => route.replace(/:\w+/g, ":").replace(/\/$/, "");

/** Every "METHOD /api/v1/..." in docs/api.md, and the "`PUT` / `DELETE /api/v1/...`" pairs of its tables. */
function documentedRoutes(): Set<string> {
  const found = new Set<string>();
  for (const m of api.matchAll(new RegExp(`\\b(${METHODS}) (/api/v1/[\\w:./-]*)`, "g"))) found.add(shape(`${m[1]} ${m[2]}`));
  for (const m of api.matchAll(new RegExp(`\`(${METHODS})\` / \`(${METHODS}) (/api/v1/[\\w:./-]*)\``, "g")))
    found.add(shape(`${m[1]} ${m[3]}`));
  return found;
}

/** Every exported handler of every route file under app/api/v1, as "METHOD /api/v1/path". */
function routeFiles(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const address = `/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`.replace(/\[[^\]]+\]/g, ":");
        const source = readFileSync(full, "utf8");
        for (const m of source.matchAll(new RegExp(`export const (${METHODS})\\b`, "g"))) found.add(`${m[1]} ${address}`);
      }
    }
  };
  walk(path.join(root, "app/api/v1"));
  return found;
}

const sorted = (items: Iterable<string>) => [...items].sort();
const registeredRoutes = new Set(Object.keys(routes).map(shape));

describe("the Socket.IO contract", () => {
  it("has a schema for every client event docs/api.md lists, and documents every one it has", () => {
    expect(sorted(tableEvents("### Client events"))).toEqual(sorted(Object.keys(clientEvents)));
  });

  it("has a schema for every server event docs/api.md lists, and documents every one it has", () => {
    expect(sorted(tableEvents("### Server events"))).toEqual(sorted(Object.keys(serverEvents)));
  });
});

describe("the REST contract", () => {
  it("has an entry for every route docs/api.md describes", () => {
    expect(sorted([...documentedRoutes()].filter((r) => !registeredRoutes.has(r)))).toEqual([]);
  });

  it("documents every route it has", () => {
    const documented = documentedRoutes();
    expect(sorted([...registeredRoutes].filter((r) => !documented.has(r)))).toEqual([]);
  });

  it("has an entry for every route handler under app/api/v1, and a handler for every entry", () => {
    expect(sorted(routeFiles())).toEqual(sorted(registeredRoutes));
  });
});
