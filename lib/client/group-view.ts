// What the group screens say, worked out from the group's state: the header's members line and typing
// line, who may send or edit, the member order, and the counts of message info.
import { type GroupMember, type GroupSummary, groupAvatarUrl, type MessageInfoEntry } from "@/lib/contracts/groups";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import type { Translator } from "@/lib/i18n/catalog";

/** Above this many members the header says "N members" instead of listing names. */
export const MEMBERS_LINE_MAX = 20;

/** The group screens' words (messages/<locale>/system.json, "groupView"). */
export type GroupViewText = Translator<"system.groupView">;

/** Counts as the screens show them, in the page's language: "1,000" in English. */
export const formatCount = (n: number, locale: string) => n.toLocaleString(locale);

/** "1 member", "1,024 members". */
export const membersCount = (t: GroupViewText, n: number) => t("members", { count: n });

/** A user's name for group screens; "Member" until their profile is known. */
export function nameOf(t: GroupViewText, users: Record<string, PublicUser>, userId: string): string {
  return users[userId]?.displayName ?? t("member");
}

/** The header's second line: "Ana, Ben, You" (names in order, me last), or "N members" when unknown or too many. */
export function membersLine(t: GroupViewText, members: GroupMember[] | undefined, memberCount: number, me: string): string {
  if (!members || members.length === 0 || members.length > MEMBERS_LINE_MAX) return membersCount(t, memberCount);
  const names = members
    .filter((m) => m.user.id !== me)
    .map((m) => m.user.displayName)
    .sort((a, b) => a.localeCompare(b));
  return [...names, ...(members.some((m) => m.user.id === me) ? [t("you")] : [])].join(t("separator"));
}

/** "Ana is typing...", "Ana and Ben are typing...", "Ana and 2 others are typing..."; null when nobody is. */
export function typingLine(t: GroupViewText, names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return t("typing.one", { name: names[0] });
  if (names.length === 2) return t("typing.two", { first: names[0], second: names[1] });
  return t("typing.more", { name: names[0], others: names.length - 1 });
}

/** Why I can't send in this chat (its message is `sendBlock.<id>` of GroupViewText), or null when I can. */
export type SendBlock = "notMember" | "adminsOnly";

/** Why I can't send in this chat, or null when I can. */
export function sendBlock(group: GroupSummary | null): SendBlock | null {
  if (!group) return null;
  if (group.myRole === null) return "notMember";
  if (group.onlyAdminsSend && group.myRole !== "admin") return "adminsOnly";
  return null;
}

/** Whether I may pin and unpin messages: anyone in a direct chat; in a group, whoever may edit its info. */
export function canPin(c: Pick<ConversationSummary, "group">): boolean {
  return c.group === null || canEditInfo(c.group);
}

/** Whether I may change the group's name, description and icon. */
export function canEditInfo(group: GroupSummary): boolean {
  return group.myRole === "admin" || (group.myRole === "member" && !group.onlyAdminsEdit);
}

/** Members as the info pane lists them: me first, then the admins, then everyone else, by name. */
export function sortMembers(members: GroupMember[], me: string): GroupMember[] {
  const rank = (m: GroupMember) => (m.user.id === me ? 0 : m.role === "admin" ? 1 : 2);
  return [...members].sort((a, b) => rank(a) - rank(b) || a.user.displayName.localeCompare(b.user.displayName));
}

/** Message info's members by how far the message got: read, delivered (not read yet), not delivered yet. */
export function splitInfo(entries: MessageInfoEntry[]) {
  return {
    read: entries.filter((e) => e.readAt),
    delivered: entries.filter((e) => e.deliveredAt && !e.readAt),
    waiting: entries.filter((e) => !e.deliveredAt && !e.readAt),
  };
}

/** A chat's name: the group's, or the other person's. */
export function chatTitle(c: ConversationSummary): string {
  return c.group?.name ?? c.peer?.displayName ?? "";
}

/** A chat's picture: the group's icon or the other person's avatar; null when there is none. */
export function chatAvatarUrl(c: ConversationSummary): string | null {
  return c.group ? groupAvatarUrl(c.id, c.group.avatarKey) : (c.peer?.avatarUrl ?? null);
}
