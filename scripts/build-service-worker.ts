// Builds the service worker after `next build`: bundles lib/service-worker/sw.ts with esbuild into
// .next/sw.js (served at /sw.js by server/http/service-worker.ts) and puts into it the list of files to
// precache: Next's hashed static files (their names are their versions, the crypto library's wasm among
// them) and the icons (with a revision).
import path from "node:path";
import { getManifest } from "@serwist/build";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

export async function buildServiceWorker(): Promise<void> {
  const { manifestEntries, count, size, warnings } = await getManifest({
    globDirectory: root,
    // The crypto library's wasm too (7.8 MB), so end-to-end encryption works offline after the first visit.
    globPatterns: [".next/static/**/*.{js,css,woff2,wasm}", "public/icons/*.png", "public/icon.svg"],
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    modifyURLPrefix: { ".next/static/": "/_next/static/", "public/": "/" },
    dontCacheBustURLsMatching: /^\/_next\/static\//,
  });
  for (const warning of warnings) console.warn(`service worker: ${warning}`);
  await build({
    entryPoints: [path.join(root, "lib/service-worker/sw.ts")],
    outfile: path.join(root, ".next/sw.js"),
    tsconfig: path.join(root, "lib/service-worker/tsconfig.json"),
    bundle: true,
    format: "iife",
    target: "es2022",
    minify: true,
    define: { "self.__SW_MANIFEST": JSON.stringify(manifestEntries), "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  console.log(`Service worker built: ${count} files to precache (${Math.round(size / 1024)} KiB).`);
}
