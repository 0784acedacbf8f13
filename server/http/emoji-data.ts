// GET /emojibase/<version>/<locale>/<data|messages>.json: the emoji picker's data (lib/shared/emoji-data.ts),
// the `emojibase-data` package's own files, read once and kept in memory, immutable under their version.
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { EMOJI_DATA_PATH, EMOJI_DATA_VERSION } from "../../lib/shared/emoji-data";

const root = path.dirname(createRequire(import.meta.url).resolve("emojibase-data/package.json"));
/** The package's locales (directories holding data.json). */
const locales = new Set(readdirSync(root, { withFileTypes: true }).flatMap((d) => (d.isDirectory() && d.name !== "meta" ? [d.name] : [])));
const route = new RegExp(`^${EMOJI_DATA_PATH}/([^/]+)/([a-z-]+)/(data|messages)\\.json$`);

export const isEmojiDataRequest = (url: string | undefined): boolean => url?.startsWith(`${EMOJI_DATA_PATH}/`) ?? false;

const files = new Map<string, Promise<Buffer>>();

export function serveEmojiData(req: IncomingMessage, res: ServerResponse): void {
  const match = route.exec(req.url ?? "");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }).end("Method not allowed");
    return;
  }
  if (!match || match[1] !== EMOJI_DATA_VERSION || !locales.has(match[2])) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("No such emoji data");
    return;
  }
  const file = path.join(root, match[2], `${match[3]}.json`);
  let body = files.get(file);
  if (!body) {
    body = readFile(file);
    files.set(file, body);
  }
  body.then(
    (data) => {
      res.writeHead(200, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": data.length,
        "Cache-Control": "public, max-age=31536000, immutable",
      });
      res.end(req.method === "HEAD" ? undefined : data);
    },
    () => {
      files.delete(file);
      res.writeHead(404, { "Content-Type": "text/plain" }).end("No such emoji data");
    },
  );
}
