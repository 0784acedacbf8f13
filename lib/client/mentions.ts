// Mentions in the app: the group's members by name, and suggesting them while "@..." is typed. (How text
// splits into links and mentions shown by name is lib/shared/mentions.ts, which the server's pushes use too.)
import type { GroupMember } from "@/lib/contracts/groups";
import type { Mentionable } from "../shared/mentions";

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

/** Everyone known by name (lower-cased username to display name), for showing mentions outside a chat. */
export const namesOf = (users: Record<string, { username: string; displayName: string }>): Mentionable =>
  new Map(Object.values(users).map((u) => [u.username.toLowerCase(), u.displayName]));
