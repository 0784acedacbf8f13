// Status updates (WhatsApp's "Status"): a text on a coloured background, or a photo or video with a
// caption, that the poster's audience (server/services/privacy.ts statusAudience) sees for 24 hours. The
// server removes each one, with its views and its media, when it expires.
import { z } from "zod";
import { text as localized, message } from "../i18n/text";
import { encryptedContentSchema } from "./e2ee";
import { clientIdSchema, DURATION_MAX, entityIdSchema } from "./messaging";
import type * as out from "./outputs";
import { text } from "./text";
import type { PublicUser } from "./users";

/** How long a status lives. */
export const STATUS_LIFETIME_MS = 24 * 3_600_000;
/** Longest text of a text status, or caption of a photo or video. */
export const STATUS_TEXT_MAX = 700;
/** How long a text or photo status stays on screen in the viewer (a video shows for its own length). */
export const STATUS_SHOW_MS = 5000;

/** What a status shows; an end-to-end encrypted status is "encrypted" to the server, its kind inside its ciphertext. */
export const SHOWN_STATUS_KINDS = ["text", "image", "video"] as const;
export type ShownStatusKind = (typeof SHOWN_STATUS_KINDS)[number];
export const STATUS_KINDS = [...SHOWN_STATUS_KINDS, "encrypted"] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];
/** The audience's devices know an encrypted status's poster's room keys by this room (one per poster, like a group's). */
export const statusRoomId = (posterId: string) => `status-${posterId}`;

/** Backgrounds a text status may have (WhatsApp's palette). */
export const STATUS_BACKGROUNDS = ["#128c7e", "#54656f", "#7e57c2", "#c2185b", "#e4572e", "#d4a017", "#2e7d32", "#1565c0"] as const;
export type StatusBackground = (typeof STATUS_BACKGROUNDS)[number];
/** Fonts a text status may be written in (the UI maps each to a font stack). */
export const STATUS_FONTS = ["sans", "serif", "mono", "script", "bold"] as const;
export type StatusFont = (typeof STATUS_FONTS)[number];

/**
 * POST /api/v1/statuses and status:post. `id` is the client's: a retry with the same id returns the
 * status first posted. A text status needs its text, and may choose a background and font (defaults: the
 * first of each); a photo or video carries the `fileId` of an upload of that kind, `text` is its caption.
 * An "encrypted" status carries only its `encrypted` content (what it is and says, for the audience's
 * devices: lib/contracts/sealed.ts) and, for a photo or video, the `fileId` of its encrypted upload.
 */
export const postStatusSchema = z
  .object({
    id: clientIdSchema,
    kind: z.enum(STATUS_KINDS, message("validation.field.oneOf", { field: "kind", values: STATUS_KINDS.join(", ") })),
    text: text("text", { multiline: true, error: message("validation.field.string", { field: "text" }) }).default(""),
    background: z.enum(STATUS_BACKGROUNDS, message("validation.status.background")).optional(),
    font: z.enum(STATUS_FONTS, message("validation.field.oneOf", { field: "font", values: STATUS_FONTS.join(", ") })).optional(),
    fileId: entityIdSchema.optional(),
    /** A video's length in seconds, as the poster's device measured it. */
    duration: z
      .number(message("validation.field.seconds", { field: "duration" }))
      .min(0)
      .max(DURATION_MAX)
      .optional(),
    /** Kind "encrypted": the content, encrypted by the poster's device for the audience. */
    encrypted: encryptedContentSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.kind === "encrypted") {
      if (s.encrypted === undefined)
        ctx.addIssue({ code: "custom", path: ["encrypted"], message: localized("validation.status.needsEncrypted") });
      if (s.text !== "" || s.background !== undefined || s.font !== undefined || s.duration !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["text"],
          message: localized("validation.status.encryptedContent"),
        });
      return;
    }
    if (s.encrypted !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["encrypted"],
        message: localized("validation.field.onlyWithKind", { field: "encrypted", kind: "encrypted" }),
      });
    const text = s.kind === "text";
    if (text && (s.fileId !== undefined || s.duration !== undefined))
      ctx.addIssue({ code: "custom", path: ["fileId"], message: localized("validation.status.textNoFile") });
    if (!text && s.fileId === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["fileId"],
        message: localized(s.kind === "image" ? "validation.status.photoNeedsFile" : "validation.status.videoNeedsFile"),
      });
    if (!text && (s.background !== undefined || s.font !== undefined))
      ctx.addIssue({ code: "custom", path: ["background"], message: localized("validation.status.lookOnlyText") });
  });
export type PostStatus = z.input<typeof postStatusSchema>;

/** A status by its id (DELETE /api/v1/statuses/:id, status:view, status:delete, GET .../views). */
export const statusRefSchema = z.object({ statusId: entityIdSchema });
/** A status's id from REST path parameters (/statuses/:id). */
export const statusIdOf = (params: { id: string }): string => statusRefSchema.parse({ statusId: params.id }).statusId;

export type Status = z.infer<typeof out.statusSchema>;

/** One person's current statuses, oldest first. */
export interface StatusUpdate {
  user: PublicUser;
  statuses: Status[];
  /** Every one of them seen by me (a grey ring; green while any is unseen). */
  allViewed: boolean;
}

const newest = (u: StatusUpdate) => u.statuses.at(-1)?.createdAt ?? "";
/** The feed's order: people with something unseen ("Recent updates") before the rest ("Viewed updates"), newest first in each. */
export const sortUpdates = (updates: StatusUpdate[]): StatusUpdate[] =>
  [...updates].sort((a, b) => Number(a.allViewed) - Number(b.allViewed) || newest(b).localeCompare(newest(a)));

/** GET /api/v1/statuses: mine, and those of everyone whose statuses I may see, newest update first. */
export interface StatusFeed {
  mine: Status[];
  updates: StatusUpdate[];
}

/** Who my statuses go to now, as my privacy settings say (GET /api/v1/statuses/audience): whom my device encrypts them for. */
export interface StatusRecipients {
  userIds: string[];
}

/** Who saw one of my statuses, and when (GET /api/v1/statuses/:id/views), latest first. */
export type StatusViewer = z.infer<typeof out.statusViewerSchema>;

/** Pushed as `status:posted` to the poster's devices and to everyone who may see it. */
export interface StatusPosted {
  user: PublicUser;
  status: Status;
}

/** Pushed as `status:removed` when statuses are deleted or expire: drop them. */
export type StatusRemoved = z.infer<typeof out.statusRemovedSchema>;

/** Pushed as `status:viewed` to the poster's devices (and the viewer's own, so their ring turns grey). */
export type StatusViewed = z.infer<typeof out.statusViewedSchema>;

export type StatusQuote = z.infer<typeof out.statusQuoteSchema>;
