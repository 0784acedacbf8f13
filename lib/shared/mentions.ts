// @mentions, by the one rule the server records them with and the client highlights and counts them
// with: "@username" standing on its own (not inside an e-mail address, a word or a link).
import { linkParts } from "./linkify";

/** "@username" (group 2) after a start or a character that can't be part of an address or a name (group 1). */
export const MENTION = /(^|[^A-Za-z0-9_@.])@([A-Za-z0-9_]{3,32})(?![A-Za-z0-9_])/g;

/** Every "@username" in the text outside links, lower-cased and once each (the server records who was mentioned). */
export function mentionedUsernames(text: string): string[] {
  if (!text.includes("@")) return [];
  const names = new Set<string>();
  for (const part of linkParts(text)) {
    if (!part.href) for (const m of part.text.matchAll(MENTION)) names.add(m[2].toLowerCase());
  }
  return [...names];
}

/** Whether the text @mentions this username (letter case ignored), by the rule the server records mentions with. */
export function mentionsUser(text: string, username: string): boolean {
  return mentionedUsernames(text).includes(username.toLowerCase());
}
