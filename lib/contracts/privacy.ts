// Privacy settings, blocking, message requests and reports. Enforced by the server
// (server/services/privacy.ts); the UI only shows what the server decided.
import { z } from "zod";
import { entityIdSchema, MESSAGE_TEXT_MAX } from "./messaging";
import type * as out from "./outputs";
import { text } from "./text";
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
  z.enum(values, { error: `${name} must be one of ${values.join(", ")}` });
const userList = (name: string) =>
  z
    .array(entityIdSchema, { error: `${name} must be a list of user ids` })
    .max(STATUS_LIST_MAX, { error: `${name} can have at most ${STATUS_LIST_MAX} people` });

/** PATCH /api/v1/users/me/privacy and privacy:update: any of the settings; lists replace the stored ones. */
export const updatePrivacySchema = z
  .object({
    lastSeen: choice("lastSeen", VISIBILITIES).optional(),
    photo: choice("photo", VISIBILITIES).optional(),
    about: choice("about", VISIBILITIES).optional(),
    groups: choice("groups", GROUP_ADDERS).optional(),
    readReceipts: z.boolean({ error: "readReceipts must be true or false" }).optional(),
    status: choice("status", STATUS_AUDIENCES).optional(),
    statusExcept: userList("statusExcept").optional(),
    statusOnly: userList("statusOnly").optional(),
    silenceUnknownCallers: z.boolean({ error: "silenceUnknownCallers must be true or false" }).optional(),
    relayCalls: z.boolean({ error: "relayCalls must be true or false" }).optional(),
    linkPreviews: z.boolean({ error: "linkPreviews must be true or false" }).optional(),
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
export const blockSchema = z.object({ userId: entityIdSchema, blocked: z.boolean({ error: "blocked must be true or false" }) });

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
    reason: text("The reason", { multiline: true, error: "reason must be text" })
      .trim()
      .max(REPORT_REASON_MAX, { error: `The reason must be at most ${REPORT_REASON_MAX} characters` })
      .default(""),
    seqs: z
      .array(z.number({ error: "seqs must be message seqs" }).int().min(1), { error: "seqs must be a list of message seqs" })
      .max(REPORT_MESSAGES, { error: `A report carries at most ${REPORT_MESSAGES} messages` })
      .default([]),
    block: z.boolean({ error: "block must be true or false" }).default(false),
    /**
     * End-to-end encrypted messages among `seqs`, as the reporter's app decrypted them: the only way the
     * server ever sees what an encrypted chat said (as in WhatsApp). Kept for the seqs of encrypted messages only.
     */
    plaintext: z
      .array(
        z.object({
          seq: z.number().int().min(1),
          text: text("text", { multiline: true, error: "text must be a string" }).max(MESSAGE_TEXT_MAX * 2),
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
