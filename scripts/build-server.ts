// Bundles the custom server (server/index.ts and everything of ours it imports, the REST route handlers
// included) into one ES module, so production runs plain JavaScript: no TypeScript loader and no wrapper
// process. Packages stay in node_modules (imported at run time), except JSON files, which are inlined.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { SERVER_BUNDLE } from "./server-process";

const root = path.resolve(import.meta.dirname, "..");
const MAIN = path.join(path.dirname(SERVER_BUNDLE), "main.mjs");
/**
 * The entry: what Next's process setup does before its modules load (they expect AsyncLocalStorage on
 * globalThis; the route handlers' `next/server` loads with the bundle), then the bundle.
 */
const ENTRY = `import { AsyncLocalStorage } from "node:async_hooks";
globalThis.AsyncLocalStorage ??= AsyncLocalStorage;
await import("./${path.basename(MAIN)}");
`;

const requireHere = createRequire(path.join(root, "package.json"));

/**
 * How the bundle imports a package's file. Node finds a subpath of a package without an "exports" map
 * ("next/server") only by its file name, which TypeScript's loader used to add: it is added here.
 */
function packageImport(specifier: string): string {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  if (name === specifier || specifier.startsWith("node:")) return specifier;
  const manifest = path.join(root, "node_modules", name, "package.json");
  if (!existsSync(manifest) || (JSON.parse(readFileSync(manifest, "utf8")) as { exports?: unknown }).exports) return specifier;
  return `${name}/${path.relative(path.dirname(manifest), requireHere.resolve(specifier)).split(path.sep).join("/")}`;
}

/** Bare imports ("next", "@prisma/client/runtime/...") load from node_modules; a package's JSON file is bundled. */
const packagesOutside: Plugin = {
  name: "packages-outside",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@/") || args.path.startsWith("virtual:") || args.path.endsWith(".json")) return undefined;
      return { path: packageImport(args.path), external: true };
    });
  },
};

/** Every route.ts under app/api/v1, as the path Next serves it at. */
function apiRouteFiles(dir = "app/api/v1"): { file: string; path: string }[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return apiRouteFiles(file);
    return entry.name === "route.ts" ? [{ file, path: `/${path.dirname(file).slice("app/".length)}` }] : [];
  });
}

/** `virtual:api-routes`: a module importing every API route file, for the server's router (server/http/api-router.ts). */
const apiRoutes: Plugin = {
  name: "api-routes",
  setup(b) {
    b.onResolve({ filter: /^virtual:api-routes$/ }, () => ({ path: "api-routes", namespace: "virtual" }));
    b.onLoad({ filter: /.*/, namespace: "virtual" }, () => {
      const routes = apiRouteFiles();
      const imports = routes.map((r, i) => `import * as r${i} from ${JSON.stringify(`./${r.file}`)};`);
      const table = routes.map((r, i) => `{ path: ${JSON.stringify(r.path)}, module: r${i} }`);
      return { contents: `${imports.join("\n")}\nexport default [${table.join(",\n")}];`, resolveDir: root, loader: "ts" };
    });
  },
};

export async function buildServer(): Promise<void> {
  rmSync(path.dirname(MAIN), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ["server/index.ts"],
    outdir: path.dirname(MAIN),
    entryNames: path.basename(MAIN, ".mjs"),
    // What the server imports only when it needs it (import("./s3-storage") and its AWS SDK) stays out of
    // the start-up: a chunk of its own, loaded by that import.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    plugins: [apiRoutes, packagesOutside],
    // Bundled CommonJS (Prisma's generated client) may call require: give the module one.
    banner: {
      js: "import { createRequire as __cbxCreateRequire } from 'node:module'; const require = __cbxCreateRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
  writeFileSync(SERVER_BUNDLE, ENTRY);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
