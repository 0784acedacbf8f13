// Group chats: a group is a conversation (its id is the conversation id), so messages, outbox, sync and
// receipts are the same as in direct chats. These are the group-only bodies, payloads and views.
import { z } from "zod";
import { message } from "../i18n/text";
import { entityIdSchema } from "./messaging";
import type * as out from "./outputs";
import { label, text } from "./text";
import type { PublicUser } from "./users";

export const GROUP_NAME_MAX = 64;
export const GROUP_DESCRIPTION_MAX = 512;
/** Default member limit (WhatsApp's today); GROUP_MAX_MEMBERS changes it. */
export const GROUP_MAX_MEMBERS_DEFAULT = 1024;
/** Members listed per page in message info and group info. */
export const MEMBER_PAGE = 100;

const nameSchema = text(label("groupName"), { error: message("validation.groups.nameRequired") })
  .trim()
  .min(1, message("validation.groups.nameRequired"))
  .max(GROUP_NAME_MAX, message("validation.groups.nameTooLong", { max: GROUP_NAME_MAX }));
const descriptionSchema = text(label("description"), { multiline: true })
  .trim()
  .max(GROUP_DESCRIPTION_MAX, message("validation.groups.descriptionTooLong", { max: GROUP_DESCRIPTION_MAX }));

export const createGroupSchema = z.object({
  name: nameSchema,
  description: descriptionSchema.default(""),
  participants: z
    .array(entityIdSchema, message("validation.field.userIds", { field: "participants" }))
    .max(4096)
    .default([]),
});
export type CreateGroup = z.infer<typeof createGroupSchema>;

export const updateGroupSchema = z
  .object({
    name: nameSchema.optional(),
    description: descriptionSchema.optional(),
    onlyAdminsSend: z.boolean(message("validation.field.boolean", { field: "onlyAdminsSend" })).optional(),
    onlyAdminsEdit: z.boolean(message("validation.field.boolean", { field: "onlyAdminsEdit" })).optional(),
  })
  .strict();
export type UpdateGroup = z.infer<typeof updateGroupSchema>;

export const memberTargetSchema = z.object({ userId: entityIdSchema });

/** Socket payloads name the group too (REST has it in the path). */
export const groupRefSchema = z.object({ conversationId: entityIdSchema });
export const groupMemberCommandSchema = groupRefSchema.extend({ userId: entityIdSchema });
export type GroupMemberCommand = z.infer<typeof groupMemberCommandSchema>;
export const setAdminCommandSchema = groupMemberCommandSchema.extend({
  admin: z.boolean(message("validation.field.boolean", { field: "admin" })),
});
export const updateGroupCommandSchema = updateGroupSchema.extend({ conversationId: entityIdSchema });
export const messageInfoQuerySchema = z.object({
  /** Member list page: start after this user id (from nextCursor). */
  after: text("after").max(64).optional(),
  limit: z.coerce.number().int().min(1).max(MEMBER_PAGE).default(MEMBER_PAGE),
});

export type GroupRole = z.infer<typeof out.groupRoleSchema>;

/** What the chat list and header need of a group. */
export type GroupSummary = z.infer<typeof out.groupSummarySchema>;

/** Path of a group's icon (changes when the icon does), or null when it has none. */
export function groupAvatarUrl(groupId: string, avatarKey: string | null): string | null {
  return avatarKey ? `/api/v1/groups/${groupId}/avatar?v=${avatarKey}` : null;
}

export type GroupMember = z.infer<typeof out.groupMemberSchema>;

export type GroupInfo = z.infer<typeof out.groupInfoSchema>;

export interface InvitePreview {
  code: string;
  groupId: string;
  name: string;
  description: string;
  memberCount: number;
  /** Already a member (opening the link just opens the chat). */
  member: boolean;
}

export interface MessageInfoEntry {
  user: PublicUser;
  /** When the member's delivered / read watermark passed this message (null: not yet). */
  deliveredAt: string | null;
  readAt: string | null;
}

export interface MessageInfo {
  conversationId: string;
  seq: number;
  /** Members other than the sender who count for the ticks. */
  total: number;
  deliveredCount: number;
  readCount: number;
  members: MessageInfoEntry[];
  /** Pass as `after` for the next page; null at the end. */
  nextCursor: string | null;
}
