// Brotli copies of Next's build assets (.next/static: scripts, styles, the crypto library's wasm), made
// once at build time at the best ratio, so the server sends them compressed without compressing them again
// for each request (server/http/static-assets.ts).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const compress = promisify(brotliCompress);
/** What is worth compressing: text and wasm (images and fonts are compressed already). */
export const COMPRESSED_TYPES = /\.(js|css|wasm|json|svg|txt|map)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

export async function compressStatic(staticDir: string): Promise<void> {
  const files = filesUnder(staticDir).filter((file) => COMPRESSED_TYPES.test(file));
  await Promise.all(
    files.map(async (file) => {
      const bytes = readFileSync(file);
      const br = await compress(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      });
      // Kept only where it is smaller.
      if (br.length < bytes.length) writeFileSync(`${file}.br`, br);
    }),
  );
}
