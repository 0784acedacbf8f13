// A PDF's page count, when it is cheap to know: one streaming pass over the file looking for the page
// tree's `/Type /Pages` dictionaries, whose `/Count` is the number of pages under them (the root's is the
// largest), or else counting the `/Type /Page` objects. A PDF that keeps these in compressed object
// streams (common since PDF 1.5) shows neither: then the count is unknown (null), never a guess.
import { createReadStream } from "node:fs";

/** Text kept from one chunk to the next, so a dictionary split across chunks is still read whole. */
const OVERLAP = 2048;
/** A match ending this close to the end of what was read so far may continue in the next chunk. */
const MARGIN = 64;
const PAGES_COUNT = /\/Type\s*\/Pages\b[^>]{0,512}?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]{0,512}?\/Type\s*\/Pages\b/g;
const PAGE_OBJECT = /\/Type\s*\/Page(?![A-Za-z])/g;

export async function pdfPageCount(file: string): Promise<number | null> {
  let carry = "";
  /** Matches ending at or before this offset in `carry` were counted already. */
  let counted = 0;
  let rootCount = 0;
  let pageObjects = 0;
  const scan = (text: string, limit: number) => {
    for (const m of text.matchAll(PAGES_COUNT)) if (m.index + m[0].length <= limit) rootCount = Math.max(rootCount, Number(m[1] ?? m[2]));
    for (const m of text.matchAll(PAGE_OBJECT)) {
      const end = m.index + m[0].length;
      if (end > counted && end <= limit) pageObjects++;
    }
  };
  for await (const chunk of createReadStream(file, { encoding: "latin1", highWaterMark: 256 * 1024 })) {
    const text = carry + (chunk as string);
    const limit = text.length - MARGIN;
    scan(text, limit);
    carry = text.slice(-OVERLAP);
    counted = Math.max(0, limit - (text.length - carry.length));
  }
  scan(carry, carry.length);
  const pages = rootCount || pageObjects;
  return pages > 0 ? pages : null;
}
