// Message text split into plain runs, links (see linkify.ts) and @mentions. A mention is "@username"
// standing on its own (not inside an e-mail address or a word) whose username belongs to a member.
import type { GroupMember } from "@/lib/contracts/groups";
import { linkParts } from "./linkify";

export type RichPart =
  | { text: string; href?: undefined; mention?: undefined }
  | { text: string; href: string; mention?: undefined }
  | { text: string; href?: undefined; mention: string };

const MENTION = /(^|[^A-Za-z0-9_@.])@([A-Za-z0-9_]{3,32})(?![A-Za-z0-9_])/g;

/** Splits plain text at the mentions of `usernames` (lower-cased); the mention part carries the username as written. */
export function mentionParts(text: string, usernames: ReadonlySet<string>): RichPart[] {
  const parts: RichPart[] = [];
  let at = 0;
  for (const m of text.matchAll(MENTION)) {
    if (!usernames.has(m[2].toLowerCase())) continue;
    const start = m.index + m[1].length;
    if (start > at) parts.push({ text: text.slice(at, start) });
    parts.push({ text: `@${m[2]}`, mention: m[2] });
    at = start + m[2].length + 1;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** Links first (a link is never a mention), then mentions of members in the text between them. */
export function richParts(text: string, usernames: ReadonlySet<string>): RichPart[] {
  if (usernames.size === 0 || !text.includes("@")) return linkParts(text);
  return linkParts(text).flatMap((part) => (part.href ? [part] : mentionParts(part.text, usernames)));
}

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

/** The usernames (lower-cased) whose mention is highlighted: the group's members. */
export function mentionable(members: GroupMember[] | undefined): ReadonlySet<string> {
  return new Set(members?.map((m) => m.user.username.toLowerCase()));
}
