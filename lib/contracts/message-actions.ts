// What can be done with a message after it was sent, and with a chat: the commands (REST bodies and
// Socket.IO payloads alike) and what the server pushes when they happen.
import { z } from "zod";
import { type EncryptedContent, encryptedContentSchema } from "./e2ee";
import { type ChatMessage, clientIdSchema, entityIdSchema, FORWARD_TARGETS_MAX, MESSAGE_TEXT_MAX } from "./messaging";
import type * as out from "./outputs";
import { text } from "./text";

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
  seq: z.coerce.number<number>({ error: "seq must be a number" }).int().min(1, { error: "seq must be 1 or more" }),
});
export type MessageRef = z.infer<typeof messageRefSchema>;
/** A message's place from REST path parameters (/conversations/:id/messages/:seq). */
export const messageRefOf = (params: { id: string; seq: string }): MessageRef =>
  messageRefSchema.parse({ conversationId: params.id, seq: params.seq });

/** Exactly one of two fields: the plain form or the encrypted one (a message of type "encrypted" takes only the latter). */
const oneOf = <A extends string, B extends string>(
  a: A,
  b: B,
): [(m: Partial<Record<A | B, unknown>>) => boolean, { error: string; path: PropertyKey[] }] => [
  (m) => (m[a] === undefined) !== (m[b] === undefined),
  { error: `Give exactly one of ${a} or ${b}`, path: [a] },
];

const editFields = {
  text: text("text", { multiline: true, error: "text must be a string" })
    .max(MESSAGE_TEXT_MAX * 2, { error: `Messages can be at most ${MESSAGE_TEXT_MAX} characters` })
    .optional(),
  /** The new content of an encrypted message. */
  encrypted: encryptedContentSchema.optional(),
};
export const editMessageSchema = z.object(editFields).refine(...oneOf("text", "encrypted"));
/** A message's new content: its text, or (an encrypted message) its new ciphertext; exactly one. */
export type EditContent = z.infer<typeof editMessageSchema>;
export const deleteMessageSchema = z.object({
  for: z.enum(["me", "everyone"], { error: "for must be me or everyone" }),
});
/** One emoji (a single grapheme: flags, skin tones and ZWJ sequences count as one); null removes mine. */
export const emojiSchema = z
  .string({ error: "emoji must be a string" })
  .max(32, { error: "emoji must be a single emoji" })
  .refine((e) => isSingleEmoji(e), { error: "emoji must be a single emoji" });
const reactFields = {
  emoji: emojiSchema.nullable().optional(),
  /** My reaction to an encrypted message, encrypted like one (null removes it). */
  encrypted: encryptedContentSchema.nullable().optional(),
};
export const reactSchema = z.object(reactFields).refine(...oneOf("emoji", "encrypted"));
/** My reaction: an emoji, or (to an encrypted message) an encrypted one; exactly one; null removes mine. */
export type ReactionContent = z.infer<typeof reactSchema>;
export const starSchema = z.object({ starred: z.boolean({ error: "starred must be true or false" }) });
export const pinMessageSchema = z.object({ pinned: z.boolean({ error: "pinned must be true or false" }) });
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
    error: "Give exactly one of to or conversationId",
    path: ["conversationId"],
  });
export const forwardSchema = z.object({
  from: messageRefSchema,
  targets: z
    .array(forwardTargetSchema, { error: "targets must be a list" })
    .min(1, { error: "Choose at least one chat" })
    // The real limit (FORWARD_TARGETS_MAX, or 1 for a message forwarded many times) is the service's 422.
    .max(50, { error: "Too many chats" }),
});
export type ForwardCommand = z.infer<typeof forwardSchema>;
export { FORWARD_TARGETS_MAX };

export const chatSettingsSchema = z
  .object({
    pinned: z.boolean({ error: "pinned must be true or false" }).optional(),
    archived: z.boolean({ error: "archived must be true or false" }).optional(),
    /** Mute for 8 hours, a week or always; null unmutes. */
    mute: z.enum(["8h", "1w", "always"], { error: "mute must be 8h, 1w, always or null" }).nullable().optional(),
    /** Mark as unread (true) or as read again (false). */
    unread: z.boolean({ error: "unread must be true or false" }).optional(),
  })
  .refine((s) => s.pinned !== undefined || s.archived !== undefined || s.mute !== undefined || s.unread !== undefined, {
    error: "Give pinned, archived, mute or unread",
  });
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
export const chatSettingsCommandSchema = z.object({ conversationId: entityIdSchema }).and(chatSettingsSchema);

/** Clear chat, or Delete chat (`deleteChat`): my messages up to `upTo` (the last one I saw) go from all my devices. */
export const clearChatSchema = z.object({
  upTo: z
    .number({ error: "upTo must be a number" })
    .int({ error: "upTo must be a whole number" })
    .min(0, { error: "upTo can't be negative" }),
  deleteChat: z.boolean({ error: "deleteChat must be true or false" }).default(false),
});
export type ClearChat = z.input<typeof clearChatSchema>;
export const clearChatCommandSchema = z.object({ conversationId: entityIdSchema }).and(clearChatSchema);

export const disappearingSchema = z.object({
  seconds: z
    .number({ error: "seconds must be a number" })
    .refine((s) => TIMER_SECONDS.includes(s), { error: `seconds must be one of ${TIMER_SECONDS.join(", ")}` }),
});
export const disappearingCommandSchema = z.object({ conversationId: entityIdSchema }).extend(disappearingSchema.shape);

export const SEARCH_FILTERS = ["media", "links", "documents"] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];
export const searchQuerySchema = z
  .object({
    /** Words, each matched as a word prefix ("hol" finds "Hola"); all must appear. */
    q: text("Search text").trim().max(200, { error: "Search for at most 200 characters" }).default(""),
    conversationId: entityIdSchema.optional(),
    senderId: entityIdSchema.optional(),
    filter: z.enum(SEARCH_FILTERS, { error: `filter must be one of ${SEARCH_FILTERS.join(", ")}` }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    /** Results newer than this message id are skipped (the next page starts after the last result). */
    before: entityIdSchema.optional(),
  })
  .refine((s) => searchTerms(s.q).length > 0 || s.filter !== undefined || s.senderId !== undefined, {
    error: "Type something to search for",
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
