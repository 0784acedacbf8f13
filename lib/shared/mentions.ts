// @mentions, by the one rule the server records them with and the client highlights and counts them
// with: "@username" standing on its own (not inside an e-mail address, a word or a link); and text split
// into plain runs, links and mentions shown as "@<display name>" (bubbles, the chat list, notifications).
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

export type RichPart =
  | { text: string; href?: undefined; mention?: undefined }
  | { text: string; href: string; mention?: undefined }
  | { text: string; href?: undefined; mention: string };

/** The members whose @mentions show: lower-cased username to display name. */
export type Mentionable = ReadonlyMap<string, string>;

/**
 * Splits plain text at the mentions of members: a mention shows as "@<display name>" (the text keeps
 * "@username", the one form the server records mentions by); the part carries the username as written.
 */
export function mentionParts(text: string, usernames: Mentionable): RichPart[] {
  const parts: RichPart[] = [];
  let at = 0;
  for (const m of text.matchAll(MENTION)) {
    const name = usernames.get(m[2].toLowerCase());
    if (name === undefined) continue;
    const start = m.index + m[1].length;
    if (start > at) parts.push({ text: text.slice(at, start) });
    parts.push({ text: `@${name}`, mention: m[2] });
    at = start + m[2].length + 1;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** Links first (a link is never a mention), then mentions of members in the text between them. */
export function richParts(text: string, usernames: Mentionable): RichPart[] {
  if (usernames.size === 0 || !text.includes("@")) return linkParts(text);
  return linkParts(text).flatMap((part) => (part.href ? [part] : mentionParts(part.text, usernames)));
}

/** The text with members' @mentions as "@<display name>" (a chat list's preview, where no styling shows them). */
export const withMentionNames = (text: string, names: Mentionable): string =>
  richParts(text, names)
    .map((part) => part.text)
    .join("");
