// Conversation summaries for client tests: group "g1", "Trip", with nothing in it yet. Patch what a test needs.
import type { GroupSummary } from "@/lib/contracts/groups";
import type { ConversationSummary, Watermarks } from "@/lib/contracts/messaging";

export const watermarksAt = (seq: number): Watermarks => ({ deliveredSeq: seq, readSeq: seq });

/** What a summary has before anything was changed, pinned, archived, muted, blocked, cleared or marked unread (and no message request). */
export const untouched = {
  changeSeq: 0,
  flagSeq: 0,
  pinned: [],
  disappearAfter: null,
  encrypted: false,
  pinnedAt: null,
  archived: false,
  mutedUntil: null,
  request: false,
  blocked: false,
  peerRequest: false,
  clearedSeq: 0,
  deleted: false,
  markedUnread: false,
} satisfies Partial<ConversationSummary>;

export function groupSummary(patch: Partial<ConversationSummary> = {}, group: Partial<GroupSummary> = {}): ConversationSummary {
  return {
    id: "g1",
    kind: "group",
    peer: null,
    group: {
      name: "Trip",
      description: "",
      memberCount: 2,
      myRole: "member",
      onlyAdminsSend: false,
      onlyAdminsEdit: false,
      avatarKey: null,
      ...group,
    },
    lastSeq: 0,
    lastMessage: null,
    unreadCount: 0,
    unreadMentions: 0,
    mine: watermarksAt(0),
    ticks: watermarksAt(0),
    createdAt: new Date(1_700_000_000_000).toISOString(),
    lastMessageAt: null,
    ...untouched,
    ...patch,
  };
}
