// Message text split into plain runs, links (see lib/shared/linkify.ts) and @mentions (lib/shared/mentions.ts)
// of members, for display.
import type { GroupMember } from "@/lib/contracts/groups";
import { linkParts } from "../shared/linkify";
import { MENTION } from "../shared/mentions";

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

/** The group's members, whose mentions are highlighted and shown by name. */
export function mentionable(members: GroupMember[] | undefined): Mentionable {
  return new Map(members?.map((m) => [m.user.username.toLowerCase(), m.user.displayName]));
}

/** "@que" just before the caret, being typed: what to suggest members for (null: not typing a mention). */
export function mentionQuery(before: string): { query: string; start: number } | null {
  const m = /(^|[^A-Za-z0-9_@.])@([^\s@]{0,32})$/.exec(before);
  return m ? { query: m[2], start: m.index + m[1].length } : null;
}

/** Members to suggest for a mention: matching the display name (any word's start) or the username, at most `limit`. */
export function mentionSuggestions(members: GroupMember[], me: string, query: string, limit = 6): GroupMember[] {
  const q = query.toLowerCase();
  const matches = (m: GroupMember) =>
    m.user.username.toLowerCase().startsWith(q) ||
    m.user.displayName
      .toLowerCase()
      .split(/\s+/)
      .some((word) => word.startsWith(q));
  return members.filter((m) => m.user.id !== me && matches(m)).slice(0, limit);
}

/** The text with members' @mentions as "@<display name>" (a chat list's preview, where no styling shows them). */
export const withMentionNames = (text: string, names: Mentionable): string =>
  richParts(text, names)
    .map((part) => part.text)
    .join("");

/** Everyone known by name (lower-cased username to display name), for showing mentions outside a chat. */
export const namesOf = (users: Record<string, { username: string; displayName: string }>): Mentionable =>
  new Map(Object.values(users).map((u) => [u.username.toLowerCase(), u.displayName]));
