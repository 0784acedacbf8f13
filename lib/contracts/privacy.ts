// Privacy settings, blocking, message requests and reports. Enforced by the server
// (server/services/privacy.ts); the UI only shows what the server decided.
import { z } from "zod";
import { message } from "../i18n/text";
import { entityIdSchema, MESSAGE_TEXT_MAX } from "./messaging";
import type * as out from "./outputs";
import { label, text } from "./text";
import type { PublicUser } from "./users";

/** Who sees my last seen and online, profile photo or about. "contacts": people I have a one-to-one chat with. */
export const VISIBILITIES = ["everyone", "contacts", "nobody"] as const;
export type Visibility = (typeof VISIBILITIES)[number];
/** Who may add me to groups (anyone else has to send me the group's invite link). */
export const GROUP_ADDERS = ["everyone", "contacts"] as const;
export type GroupAdders = (typeof GROUP_ADDERS)[number];
/** Who sees my status updates: my contacts, my contacts except those in `statusExcept`, or only those in `statusOnly`. */
export const STATUS_AUDIENCES = ["contacts", "except", "only"] as const;
export type StatusAudience = (typeof STATUS_AUDIENCES)[number];
/** Longest "except" or "only" list. */
export const STATUS_LIST_MAX = 1000;

export type PrivacySettings = z.infer<typeof out.privacySettingsSchema>;

const choice = <T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, message("validation.field.oneOf", { field: name, values: values.join(", ") }));
const userList = (name: string) =>
  z
    .array(entityIdSchema, message("validation.field.userIds", { field: name }))
    .max(STATUS_LIST_MAX, message("validation.privacy.tooManyPeople", { field: name, max: STATUS_LIST_MAX }));

/** PATCH /api/v1/users/me/privacy and privacy:update: any of the settings; lists replace the stored ones. */
export const updatePrivacySchema = z
  .object({
    lastSeen: choice("lastSeen", VISIBILITIES).optional(),
    photo: choice("photo", VISIBILITIES).optional(),
    about: choice("about", VISIBILITIES).optional(),
    groups: choice("groups", GROUP_ADDERS).optional(),
    readReceipts: z.boolean(message("validation.field.boolean", { field: "readReceipts" })).optional(),
    status: choice("status", STATUS_AUDIENCES).optional(),
    statusExcept: userList("statusExcept").optional(),
    statusOnly: userList("statusOnly").optional(),
    silenceUnknownCallers: z.boolean(message("validation.field.boolean", { field: "silenceUnknownCallers" })).optional(),
    relayCalls: z.boolean(message("validation.field.boolean", { field: "relayCalls" })).optional(),
    linkPreviews: z.boolean(message("validation.field.boolean", { field: "linkPreviews" })).optional(),
  })
  .strict();
export type UpdatePrivacy = z.infer<typeof updatePrivacySchema>;

export const DEFAULT_PRIVACY: PrivacySettings = {
  lastSeen: "everyone",
  photo: "everyone",
  about: "everyone",
  groups: "everyone",
  readReceipts: true,
  status: "contacts",
  statusExcept: [],
  statusOnly: [],
  silenceUnknownCallers: false,
  relayCalls: false,
  linkPreviews: true,
};

/** One of my blocked contacts (GET /api/v1/users/me/blocked). */
export interface BlockedContact {
  user: PublicUser;
  blockedAt: string;
}

/** PUT / DELETE /api/v1/users/:id/block and user:block answer whether the user is now blocked. */
export type BlockState = z.infer<typeof out.blockStateSchema>;
export const blockSchema = z.object({
  userId: entityIdSchema,
  blocked: z.boolean(message("validation.field.boolean", { field: "blocked" })),
});

/** How many of the chat's last messages a report carries. */
export const REPORT_MESSAGES = 5;
export const REPORT_REASON_MAX = 500;

/**
 * POST /api/v1/reports and report:create: a report of a chat (its other person, or the group). `seqs` are
 * the chat's last messages as the reporter's client shows them (at most REPORT_MESSAGES); the server
 * stores those messages as the reporter may see them. `block` also blocks the reported person.
 */
export const createReportSchema = z
  .object({
    conversationId: entityIdSchema,
    reason: text(label("reason"), { multiline: true, error: message("validation.text.notText", { label: "reason" }) })
      .trim()
      .max(REPORT_REASON_MAX, message("validation.privacy.reasonTooLong", { max: REPORT_REASON_MAX }))
      .default(""),
    seqs: z
      .array(z.number(message("validation.privacy.seqs")).int().min(1), message("validation.privacy.seqsList"))
      .max(REPORT_MESSAGES, message("validation.privacy.tooManyMessages", { max: REPORT_MESSAGES }))
      .default([]),
    block: z.boolean(message("validation.field.boolean", { field: "block" })).default(false),
    /**
     * End-to-end encrypted messages among `seqs`, as the reporter's app decrypted them: the only way the
     * server ever sees what an encrypted chat said (as in WhatsApp). Kept for the seqs of encrypted messages only.
     */
    plaintext: z
      .array(
        z.object({
          seq: z.number().int().min(1),
          text: text("text", { multiline: true, error: message("validation.field.string", { field: "text" }) }).max(MESSAGE_TEXT_MAX * 2),
          type: z.string().max(16).default("text"),
        }),
      )
      .max(REPORT_MESSAGES)
      .default([]),
  })
  .strict();
export type CreateReport = z.infer<typeof createReportSchema>;
/** What a client sends (reason, seqs and block may be left out). */
export type CreateReportInput = z.input<typeof createReportSchema>;

/** A message as it was when reported. */
export interface ReportedMessage {
  seq: number;
  senderId: string;
  senderName: string;
  type: string;
  text: string;
  createdAt: string;
}

/** A report as admins see it (GET /api/v1/reports). */
export interface Report {
  id: string;
  reporter: PublicUser;
  /** The reported person (a one-to-one chat), or null for a group. */
  target: (PublicUser & { disabled: boolean }) | null;
  /** The reported group's name (null for a one-to-one chat). */
  groupName: string | null;
  conversationId: string;
  reason: string;
  messages: ReportedMessage[];
  createdAt: string;
  resolvedAt: string | null;
}

/** The answer of PUT / DELETE /api/v1/users/:id/disabled (admins). */
export interface AccountState {
  userId: string;
  disabled: boolean;
}
