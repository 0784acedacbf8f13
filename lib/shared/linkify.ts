// Splits message text into plain runs and links. Only http(s) and mailto links are made clickable;
// everything else stays text, so a message can never become a javascript: or data: link.
import { linkifyit } from "linkify-it";

const linkify = linkifyit({ fuzzyLink: true }).add("ftp:", null).add("//", null);
const SAFE = /^(https?:\/\/|mailto:)/i;

export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

export function linkParts(text: string): TextPart[] {
  const matches = linkify.match(text) ?? [];
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of matches) {
    if (!SAFE.test(m.url)) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ text: m.raw, href: m.url });
    at = m.lastIndex;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
