// What can be done with a message after it was sent, and with a chat: the commands (REST bodies and
// Socket.IO payloads alike) and what the server pushes when they happen.
import { z } from "zod";
import { message } from "../i18n/text";
import { type EncryptedContent, encryptedContentSchema } from "./e2ee";
import { type ChatMessage, clientIdSchema, entityIdSchema, FORWARD_TARGETS_MAX, MESSAGE_TEXT_MAX } from "./messaging";
import type * as out from "./outputs";
import { label, text } from "./text";

/** How long a sender may edit a message, and delete it for everyone, unless the server is configured otherwise. */
export const DEFAULT_EDIT_WINDOW_MINUTES = 15;
export const DEFAULT_DELETE_WINDOW_HOURS = 60;

/** The most messages pinned in one chat. */
export const PINS_MAX = 3;

/** Disappearing-message timers a chat may have, in seconds (0: off). */
export const DISAPPEAR_TIMERS = { off: 0, "24 hours": 86_400, "7 days": 604_800, "90 days": 7_776_000 } as const;
const TIMER_SECONDS: number[] = Object.values(DISAPPEAR_TIMERS);

/** How long a mute lasts. */
export const MUTE_DURATIONS = { "8h": 8 * 3600, "1w": 7 * 86_400, always: null } as const;

/** A message by its place: conversation and seq. */
export const messageRefSchema = z.object({
  conversationId: entityIdSchema,
  seq: z.coerce
    .number<number>(message("validation.field.number", { field: "seq" }))
    .int()
    .min(1, message("validation.field.oneOrMore", { field: "seq" })),
});
export type MessageRef = z.infer<typeof messageRefSchema>;
/** A message's place from REST path parameters (/conversations/:id/messages/:seq). */
export const messageRefOf = (params: { id: string; seq: string }): MessageRef =>
  messageRefSchema.parse({ conversationId: params.id, seq: params.seq });

/** Exactly one of two fields: the plain form or the encrypted one (a message of type "encrypted" takes only the latter). */
const oneOf = <A extends string, B extends string>(
  a: A,
  b: B,
): [(m: Partial<Record<A | B, unknown>>) => boolean, ReturnType<typeof message> & { path: PropertyKey[] }] => [
  (m) => (m[a] === undefined) !== (m[b] === undefined),
  { ...message("validation.field.exactlyOne", { a, b }), path: [a] },
];

const editFields = {
  text: text("text", { multiline: true, error: message("validation.field.string", { field: "text" }) })
    .max(MESSAGE_TEXT_MAX * 2, message("validation.messageActions.textTooLong", { max: MESSAGE_TEXT_MAX }))
    .optional(),
  /** The new content of an encrypted message. */
  encrypted: encryptedContentSchema.optional(),
};
export const editMessageSchema = z.object(editFields).refine(...oneOf("text", "encrypted"));
/** A message's new content: its text, or (an encrypted message) its new ciphertext; exactly one. */
export type EditContent = z.infer<typeof editMessageSchema>;
export const deleteMessageSchema = z.object({
  for: z.enum(["me", "everyone"], message("validation.messageActions.deleteFor")),
});
/** One emoji (a single grapheme: flags, skin tones and ZWJ sequences count as one); null removes mine. */
export const emojiSchema = z
  .string(message("validation.field.string", { field: "emoji" }))
  .max(32, message("validation.messageActions.singleEmoji"))
  .refine((e) => isSingleEmoji(e), message("validation.messageActions.singleEmoji"));
const reactFields = {
  emoji: emojiSchema.nullable().optional(),
  /** My reaction to an encrypted message, encrypted like one (null removes it). */
  encrypted: encryptedContentSchema.nullable().optional(),
};
export const reactSchema = z.object(reactFields).refine(...oneOf("emoji", "encrypted"));
/** My reaction: an emoji, or (to an encrypted message) an encrypted one; exactly one; null removes mine. */
export type ReactionContent = z.infer<typeof reactSchema>;
export const starSchema = z.object({ starred: z.boolean(message("validation.field.boolean", { field: "starred" })) });
export const pinMessageSchema = z.object({ pinned: z.boolean(message("validation.field.boolean", { field: "pinned" })) });
/** REST pins, unpins, stars and unstars by method (PUT / DELETE): the body is empty or `{}`. */
export const emptyBodySchema = z.object({}).strict();

/** The same commands over Socket.IO carry the message's place too. */
export const editMessageCommandSchema = messageRefSchema.extend(editFields).refine(...oneOf("text", "encrypted"));
export const deleteMessageCommandSchema = messageRefSchema.extend(deleteMessageSchema.shape);
export const reactCommandSchema = messageRefSchema.extend(reactFields).refine(...oneOf("emoji", "encrypted"));
export const starCommandSchema = messageRefSchema.extend(starSchema.shape);
export const pinMessageCommandSchema = messageRefSchema.extend(pinMessageSchema.shape).strict();

/** Where a forwarded copy goes: a conversation, or a user (the direct chat with them); `id` is the copy's client id. */
export const forwardTargetSchema = z
  .object({ id: clientIdSchema, conversationId: entityIdSchema.optional(), to: entityIdSchema.optional() })
  .refine((t) => (t.to === undefined) !== (t.conversationId === undefined), {
    ...message("validation.field.exactlyOne", { a: "to", b: "conversationId" }),
    path: ["conversationId"],
  });
export const forwardSchema = z.object({
  from: messageRefSchema,
  targets: z
    .array(forwardTargetSchema, message("validation.field.list", { field: "targets" }))
    .min(1, message("validation.messageActions.chooseChat"))
    // The real limit (FORWARD_TARGETS_MAX, or 1 for a message forwarded many times) is the service's 422.
    .max(50, message("validation.messageActions.tooManyChats")),
});
export type ForwardCommand = z.infer<typeof forwardSchema>;
export { FORWARD_TARGETS_MAX };

export const chatSettingsSchema = z
  .object({
    pinned: z.boolean(message("validation.field.boolean", { field: "pinned" })).optional(),
    archived: z.boolean(message("validation.field.boolean", { field: "archived" })).optional(),
    /** Mute for 8 hours, a week or always; null unmutes. */
    mute: z.enum(["8h", "1w", "always"], message("validation.messageActions.mute")).nullable().optional(),
    /** Mark as unread (true) or as read again (false). */
    unread: z.boolean(message("validation.field.boolean", { field: "unread" })).optional(),
  })
  .refine(
    (s) => s.pinned !== undefined || s.archived !== undefined || s.mute !== undefined || s.unread !== undefined,
    message("validation.messageActions.chatSettingRequired"),
  );
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
export const chatSettingsCommandSchema = z.object({ conversationId: entityIdSchema }).and(chatSettingsSchema);

/** Clear chat, or Delete chat (`deleteChat`): my messages up to `upTo` (the last one I saw) go from all my devices. */
export const clearChatSchema = z.object({
  upTo: z
    .number(message("validation.field.number", { field: "upTo" }))
    .int(message("validation.field.wholeNumber", { field: "upTo" }))
    .min(0, message("validation.field.notNegative", { field: "upTo" })),
  deleteChat: z.boolean(message("validation.field.boolean", { field: "deleteChat" })).default(false),
});
export type ClearChat = z.input<typeof clearChatSchema>;
export const clearChatCommandSchema = z.object({ conversationId: entityIdSchema }).and(clearChatSchema);

export const disappearingSchema = z.object({
  seconds: z
    .number(message("validation.field.number", { field: "seconds" }))
    .refine((s) => TIMER_SECONDS.includes(s), message("validation.field.oneOf", { field: "seconds", values: TIMER_SECONDS.join(", ") })),
});
export const disappearingCommandSchema = z.object({ conversationId: entityIdSchema }).extend(disappearingSchema.shape);

export const SEARCH_FILTERS = ["media", "links", "documents"] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];
export const searchQuerySchema = z
  .object({
    /** Words, each matched as a word prefix ("hol" finds "Hola"); all must appear. */
    q: text(label("searchText"))
      .trim()
      .max(200, message("validation.messageActions.searchTooLong", { max: 200 }))
      .default(""),
    conversationId: entityIdSchema.optional(),
    senderId: entityIdSchema.optional(),
    filter: z.enum(SEARCH_FILTERS, message("validation.field.oneOf", { field: "filter", values: SEARCH_FILTERS.join(", ") })).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    /** Results newer than this message id are skipped (the next page starts after the last result). */
    before: entityIdSchema.optional(),
  })
  .refine((s) => searchTerms(s.q).length > 0 || s.filter !== undefined || s.senderId !== undefined, {
    ...message("validation.messageActions.searchEmpty"),
    path: ["q"],
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** The words of a search: letters and digits, lower-cased, at most 8. The server matches them; the UI highlights them. */
export function searchTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 8);
}

export interface SearchResult {
  messages: ChatMessage[];
  /** More results after the last one: ask again with before = its id. */
  hasMore: boolean;
}

/** An earlier text of an edited message: what it said until `editedAt` (an encrypted message: its earlier ciphertext). */
export interface MessageEditEntry {
  version: number;
  text: string;
  encrypted?: EncryptedContent;
  editedAt: string;
}

/** A starred message with when I starred it. */
export interface StarredMessage {
  message: ChatMessage;
  starredAt: string;
}

/** Pushed as `message:updated` to every member: the message as it is now, after an edit, reaction or deletion. */
export type MessageUpdate = z.infer<typeof out.messageUpdateSchema>;

/** Pushed as `message:flagged` to my devices: my flag on a message changed. */
export type FlagUpdate = z.infer<typeof out.flagUpdateSchema>;

/** Pushed as `message:removed`: messages that are gone (they disappeared) for everyone. */
export type MessagesRemoved = z.infer<typeof out.messagesRemovedSchema>;

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** One grapheme that is an emoji (pictographic, keycap or flag). */
export function isSingleEmoji(value: string): boolean {
  const graphemes = [...segmenter.segment(value)];
  return graphemes.length === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(value);
}
