// A tiny web site on loopback for the link preview tests (the server may fetch it only because the test
// names its address and port in LINK_PREVIEW_ALLOWED_ADDRESSES): a page with Open Graph tags and an image,
// redirects, a page that never answers, one with no end to its head, an image that isn't a page, and a
// redirect to a loopback address nobody allowed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";

export interface LinkPages {
  port: number;
  /** The address of a path on the site. */
  url(path: string): string;
  /** Requests the site got, by path (how the tests know what the server fetched). */
  readonly hits: string[];
  close(): Promise<void>;
}

export const PAGE_TITLE = "Chatterbox Gazette: the lighthouse reopens";
export const PAGE_DESCRIPTION = "After ten years dark, the old lighthouse on the point shines again from tonight.";

const page = (image: string) => `<!doctype html><html><head><meta charset="utf-8">
<title>Plain title</title>
<meta property="og:title" content="${PAGE_TITLE}">
<meta property="og:description" content="${PAGE_DESCRIPTION}">
<meta property="og:site_name" content="Chatterbox Gazette">
<meta property="og:image" content="${image}">
</head><body><h1>The lighthouse</h1></body></html>`;

/** Starts the site on 127.0.0.1 (`port` 0: any free port). */
export async function startLinkPages(port = 0): Promise<LinkPages> {
  const image = await sharp({
    create: { width: 600, height: 400, channels: 3, background: "#1e6f9f" },
  })
    .composite([{ input: Buffer.from(`<svg width="600" height="400"><circle cx="300" cy="220" r="120" fill="#ffd166"/></svg>`) }])
    .png()
    .toBuffer();
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    hits.push(path);
    if (path === "/article") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page("/lighthouse.png"));
    } else if (path === "/lighthouse.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(image);
    } else if (path.startsWith("/hop/")) {
      const left = Number(path.slice(5));
      res.writeHead(302, { location: left > 1 ? `/hop/${left - 1}` : "/article" });
      res.end();
    } else if (path === "/to-loopback") {
      // Another loopback address than the allowed one: each hop is checked, so this one is refused.
      res.writeHead(301, { location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/article` });
      res.end();
    } else if (path === "/endless-head") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write(`<html><head><title>Endless</title>`);
      // Far more than the fetcher reads: it must stop on its own.
      const chunk = `<meta name="x" content="${"y".repeat(1000)}">`;
      let sent = 0;
      const more = () => {
        while (sent < 4_000 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end();
      };
      more();
    } else if (path === "/slow") {
      // Never answers: the fetcher gives up on its own.
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><head>");
    } else if (path === "/picture") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(image);
    } else {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html><head><title>Not found</title></head></html>");
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: (path) => `http://127.0.0.1:${bound}${path}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
