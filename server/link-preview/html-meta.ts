// What a page says about itself in its <head>: Open Graph tags (og:title, og:description, og:image,
// og:site_name), Twitter's cards, and the plain <title> and meta description as fallbacks. Parsed by
// htmlparser2 as the bytes arrive, so the fetcher stops reading once the head is over.
import { Parser } from "htmlparser2";

export interface PageMeta {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** The image's address as the page wrote it (maybe relative). */
  image: string | null;
}

/** Meta keys (property= or name=) in order of preference for each field. */
const KEYS: Record<keyof PageMeta, string[]> = {
  title: ["og:title", "twitter:title"],
  description: ["og:description", "twitter:description", "description"],
  siteName: ["og:site_name", "application-name"],
  image: ["og:image", "og:image:secure_url", "og:image:url", "twitter:image", "twitter:image:src"],
};

/** Collapses whitespace and control characters (which messages may not carry) to single spaces. */
const clean = (value: string) =>
  value
    .toWellFormed()
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\s\u0000-\u001f\u007f]+/g, " ")
    .trim();

export interface MetaParser {
  write(chunk: string): void;
  /** The head is over (</head> or <body>): the rest of the page says nothing more. */
  readonly done: boolean;
  /** What was found so far (ends the parse). */
  result(): PageMeta;
}

export function metaParser(): MetaParser {
  const found = new Map<string, string>();
  let title = "";
  let inTitle = false;
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (done) return;
        if (name === "body") done = true;
        else if (name === "title") inTitle = true;
        else if (name === "meta") {
          const key = (attrs.property ?? attrs.name ?? "").toLowerCase();
          const content = clean(attrs.content ?? "");
          // The first of each key wins, as in Open Graph (a page may list several images).
          if (key && content && !found.has(key)) found.set(key, content);
        }
      },
      ontext(text) {
        if (inTitle && !done) title += text;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (name === "head") done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  const pick = (field: keyof PageMeta) => KEYS[field].map((k) => found.get(k)).find(Boolean) ?? null;
  return {
    write(chunk) {
      if (!done) parser.write(chunk);
    },
    get done() {
      return done;
    },
    result() {
      parser.end();
      return {
        title: pick("title") ?? (clean(title) || null),
        description: pick("description"),
        siteName: pick("siteName"),
        image: pick("image"),
      };
    },
  };
}

/** The metadata of a whole HTML text. */
export function parseHtmlMeta(html: string): PageMeta {
  const parser = metaParser();
  parser.write(html);
  return parser.result();
}
