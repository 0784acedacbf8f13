// Message text split into plain runs, links (see lib/shared/linkify.ts) and @mentions (lib/shared/mentions.ts)
// of members, for display.
import type { GroupMember } from "@/lib/contracts/groups";
import { linkParts } from "../shared/linkify";
import { MENTION } from "../shared/mentions";

export type RichPart =
  | { text: string; href?: undefined; mention?: undefined }
  | { text: string; href: string; mention?: undefined }
  | { text: string; href?: undefined; mention: string };

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

/** The usernames (lower-cased) whose mention is highlighted: the group's members. */
export function mentionable(members: GroupMember[] | undefined): ReadonlySet<string> {
  return new Set(members?.map((m) => m.user.username.toLowerCase()));
}
