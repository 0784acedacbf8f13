import { describe, expect, it } from "vitest";
import type { GroupMember, GroupSummary, MessageInfoEntry } from "@/lib/contracts/groups";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { translator } from "@/lib/i18n/translator";
import ar from "@/messages/ar";
import es from "@/messages/es";
import {
  canEditInfo,
  canPin,
  chatAvatarUrl,
  chatTitle,
  formatCount,
  MEMBERS_LINE_MAX,
  membersCount,
  membersLine,
  nameOf,
  sendBlock,
  sortMembers,
  splitInfo,
  typingLine,
} from "./group-view";

const t = translator("system.groupView");

const user = (id: string, displayName = id.toUpperCase()) => ({ id, username: id, displayName, about: "", avatarUrl: null });
const member = (id: string, displayName?: string, role: GroupMember["role"] = "member"): GroupMember => ({
  user: user(id, displayName),
  role,
  joinedAt: "2026-03-01T10:00:00.000Z",
});
const group = (patch: Partial<GroupSummary> = {}): GroupSummary => ({
  name: "Trip",
  description: "",
  memberCount: 3,
  myRole: "member",
  onlyAdminsSend: false,
  onlyAdminsEdit: false,
  avatarKey: null,
  ...patch,
});

describe("membersLine", () => {
  it("lists the names in order with me last as You", () => {
    expect(membersLine(t, [member("me", "Zed"), member("b", "Ben"), member("a", "Ana")], 3, "me")).toBe("Ana, Ben, You");
  });

  it("leaves me out once I'm no longer a member", () => {
    expect(membersLine(t, [member("b", "Ben"), member("a", "Ana")], 2, "me")).toBe("Ana, Ben");
  });

  it("counts instead when the members aren't known yet or are too many", () => {
    expect(membersLine(t, undefined, 1000, "me")).toBe("1,000 members");
    expect(membersLine(t, undefined, 1, "me")).toBe("1 member");
    const many = Array.from({ length: MEMBERS_LINE_MAX + 1 }, (_, i) => member(`u${i}`));
    expect(membersLine(t, many, many.length, "me")).toBe(`${many.length} members`);
  });
});

describe("typingLine", () => {
  it("says who is typing", () => {
    expect(typingLine(t, [])).toBeNull();
    expect(typingLine(t, ["Ana"])).toBe("Ana is typing...");
    expect(typingLine(t, ["Ana", "Ben"])).toBe("Ana and Ben are typing...");
    expect(typingLine(t, ["Ana", "Ben", "Cy"])).toBe("Ana and 2 others are typing...");
  });

  it("says it in the page's language", () => {
    const tEs = translator("system.groupView", "es", es);
    const tAr = translator("system.groupView", "ar", ar);
    expect(typingLine(tEs, ["Ana", "Ben", "Cy"])).toBe("Ana y 2 personas más están escribiendo...");
    expect(membersLine(tEs, undefined, 1000, "me")).toBe("1000 miembros");
    expect(membersLine(tAr, [member("me", "Zed"), member("b", "Ben"), member("a", "Ana")], 3, "me")).toBe("Ana، Ben، أنت");
    expect(nameOf(tAr, {}, "x")).toBe("عضو");
  });
});

describe("who may do what", () => {
  it("blocks sending for former members, and for non-admins when only admins send", () => {
    expect(sendBlock(null)).toBeNull();
    expect(sendBlock(group())).toBeNull();
    expect(sendBlock(group({ onlyAdminsSend: true }))).toBe("adminsOnly");
    expect(sendBlock(group({ onlyAdminsSend: true, myRole: "admin" }))).toBeNull();
    expect(sendBlock(group({ myRole: null }))).toBe("notMember");
    expect(t("sendBlock.adminsOnly")).toBe("Only admins can send messages");
    expect(t("sendBlock.notMember")).toBe("You're no longer a member of this group");
  });

  it("lets members edit the info unless only admins may", () => {
    expect(canEditInfo(group())).toBe(true);
    expect(canEditInfo(group({ onlyAdminsEdit: true }))).toBe(false);
    expect(canEditInfo(group({ onlyAdminsEdit: true, myRole: "admin" }))).toBe(true);
    expect(canEditInfo(group({ myRole: null }))).toBe(false);
  });

  it("lets anyone in a direct chat pin messages, and in a group whoever may edit its info", () => {
    expect(canPin({ group: null })).toBe(true);
    expect(canPin({ group: group() })).toBe(true);
    expect(canPin({ group: group({ onlyAdminsEdit: true }) })).toBe(false);
    expect(canPin({ group: group({ myRole: null }) })).toBe(false);
  });
});

describe("sortMembers", () => {
  it("puts me first, then admins, then the rest by name", () => {
    const sorted = sortMembers([member("c", "Cy"), member("b", "Bo", "admin"), member("me", "Me"), member("a", "Al")], "me");
    expect(sorted.map((m) => m.user.id)).toEqual(["me", "b", "a", "c"]);
  });
});

describe("names and counts", () => {
  it("names known users and falls back while a profile is unknown", () => {
    expect(nameOf(t, { a: user("a", "Ana") }, "a")).toBe("Ana");
    expect(nameOf(t, {}, "x")).toBe("Member");
  });

  it("titles a chat by the group's name or the peer's", () => {
    const chat = { peer: null, group: group({ name: "Trip" }) } as ConversationSummary;
    expect(chatTitle(chat)).toBe("Trip");
    expect(chatTitle({ ...chat, group: null, peer: user("a", "Ana") })).toBe("Ana");
  });

  it("pictures a chat by the group's icon (versioned by its key) or the peer's avatar", () => {
    const chat = { id: "g1", peer: null, group: group({ avatarKey: "k1" }) } as ConversationSummary;
    expect(chatAvatarUrl(chat)).toBe("/api/v1/groups/g1/avatar?v=k1");
    expect(chatAvatarUrl({ ...chat, group: group({ avatarKey: null }) })).toBeNull();
    expect(chatAvatarUrl({ ...chat, group: null, peer: { ...user("a"), avatarUrl: "/api/v1/users/a/avatar?v=x" } })).toBe(
      "/api/v1/users/a/avatar?v=x",
    );
  });

  it("formats counts with separators", () => {
    expect(formatCount(1000, "en")).toBe("1,000");
    expect(formatCount(1000, "pt")).toBe("1.000");
    expect(membersCount(t, 1024)).toBe("1,024 members");
  });

  it("splits message info by how far the message got", () => {
    const entry = (id: string, deliveredAt: string | null, readAt: string | null): MessageInfoEntry => ({
      user: user(id),
      deliveredAt,
      readAt,
    });
    const parts = splitInfo([entry("a", "t", "t"), entry("b", "t", null), entry("c", null, null)]);
    expect(parts.read.map((e) => e.user.id)).toEqual(["a"]);
    expect(parts.delivered.map((e) => e.user.id)).toEqual(["b"]);
    expect(parts.waiting.map((e) => e.user.id)).toEqual(["c"]);
  });
});
