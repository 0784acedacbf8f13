// Search results show where the words matched: the same rule as the server's (each word matches the
// start of a word in the text, case-insensitively), applied to the text for display.
import { searchTerms } from "@/lib/contracts/message-actions";

export interface TextPart {
  text: string;
  match: boolean;
}

/** `text` cut into parts, the matched word starts marked. */
export function highlightParts(text: string, query: string): TextPart[] {
  const terms = searchTerms(query);
  if (!terms.length) return [{ text, match: false }];
  const parts: TextPart[] = [];
  let plain = "";
  // Word starts: a letter or digit with no letter or digit before it.
  const words = /[\p{L}\p{N}]+/gu;
  let last = 0;
  for (const word of text.matchAll(words)) {
    const lower = word[0].toLowerCase();
    const term = terms.filter((t) => lower.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (!term) continue;
    const at = word.index ?? 0;
    plain += text.slice(last, at);
    if (plain) parts.push({ text: plain, match: false });
    plain = "";
    // Lower-casing keeps the length of the letters searched for, so the term's length is the match's.
    parts.push({ text: text.slice(at, at + term.length), match: true });
    last = at + term.length;
  }
  plain += text.slice(last);
  if (plain) parts.push({ text: plain, match: false });
  return parts;
}
