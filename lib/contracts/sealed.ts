// What end-to-end encrypted messages say inside their ciphertext: the contract between members' apps,
// which the server never sees. Decrypted content is input from another person's device like any other:
// it is parsed with these schemas before anything shows it.
import { z } from "zod";
import { plainSignalSchema } from "./calls";
import { linkPreviewSchema } from "./link-preview";
import { emojiSchema } from "./message-actions";
import { DURATION_MAX, FORWARDS_MAX, MESSAGE_TEXT_MAX } from "./messaging";
import { quotedMessageSchema, sharedContactSchema, sharedLocationOutputSchema, statusQuoteSchema } from "./outputs";
import { SHOWN_STATUS_KINDS, STATUS_BACKGROUNDS, STATUS_FONTS, STATUS_TEXT_MAX } from "./status";

/** The event types inside the ciphertext (the library's "type" of the decrypted event). */
export const SEALED_MESSAGE = "chatterbox.message";
export const SEALED_REACTION = "chatterbox.reaction";
export const SEALED_STATUS = "chatterbox.status";
export const SEALED_CALL_SIGNAL = "chatterbox.call.signal";

/**
 * The kinds an encrypted message can be. A file message's file is the upload the message refers to
 * (`file` beside the ciphertext); its kind, caption and duration are inside.
 */
export const SEALED_TYPES = ["text", "location", "contact", "image", "video", "audio", "voice", "document"] as const;

/** Most chunks an encrypted file's key lists (bigger files have bigger chunks; the key stays a few KiB). */
export const FILE_CHUNKS_MAX = 128;

/**
 * What opens an end-to-end encrypted file (lib/crypto/file-cipher.ts): per chunk of its ciphertext, in
 * order, its length and the library's attachment key, IV and SHA-256 (unpadded base64, as Matrix writes them).
 */
export const sealedFileKeySchema = z.object({
  chunks: z
    .array(
      z.object({
        size: z.number().int().min(0),
        k: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
        iv: z.string().regex(/^[A-Za-z0-9+/]{22}$/),
        sha256: z.string().regex(/^[A-Za-z0-9+/]{43}$/),
      }),
    )
    .min(1)
    .max(FILE_CHUNKS_MAX),
});
export type SealedFileKey = z.infer<typeof sealedFileKeySchema>;

/** How many bars a voice note's waveform has. */
export const WAVEFORM_BARS = 48;
/** The longest side of an encrypted photo's or video's thumbnail, in pixels (a quote shows it at 52 CSS pixels). */
export const THUMBNAIL_SIDE = 72;

/**
 * Longest data: URL of an encrypted file's blurred placeholder (a 16-pixel WebP is a few hundred bytes) or
 * its thumbnail (a 72-pixel WebP is about 2 KiB).
 */
export const PLACEHOLDER_MAX = 4_096;
const placeholderSchema = z
  .string()
  .max(PLACEHOLDER_MAX)
  .regex(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);

/**
 * An end-to-end encrypted file (the upload beside the ciphertext is its ciphertext, lib/crypto/file-cipher.ts):
 * its key, and what the sender's device found it to be, since the server can't tell. The receiving app
 * shows images, video and audio inline only in the formats browsers play (PLAYABLE), anything else as a
 * document to download.
 */
export const sealedFileSchema = z.object({
  key: sealedFileKeySchema,
  mime: z.string().max(255),
  name: z.string().max(255),
  /** The clear file's bytes. */
  size: z.number().int().min(0),
  width: z.number().int().min(1).max(100_000).nullable(),
  height: z.number().int().min(1).max(100_000).nullable(),
  placeholder: placeholderSchema.nullable(),
  /**
   * Photos and videos: a small sharp picture (THUMBNAIL_SIDE pixels at most) for the quote of a reply,
   * as WhatsApp's messages carry theirs (the server's thumbnails can't be made of ciphertext).
   */
  thumbnail: placeholderSchema.optional(),
  /** Audio: the loudness of WAVEFORM_BARS stretches of it, 0-100, for the voice note's bars. */
  waveform: z.array(z.number().int().min(0).max(100)).max(WAVEFORM_BARS).optional(),
});
export type SealedFile = z.infer<typeof sealedFileSchema>;

/** What a reply to an end-to-end encrypted status quotes of it, as the replier's device decrypted it (see statusQuoteSchema). */
export const sealedStatusQuoteSchema = statusQuoteSchema.omit({ statusId: true, userId: true }).extend({
  kind: z.enum(SHOWN_STATUS_KINDS),
  text: z.string().max(STATUS_TEXT_MAX * 2),
  thumbnail: placeholderSchema.nullable(),
});
export type SealedStatusQuote = z.infer<typeof sealedStatusQuoteSchema>;

/** A message, or an edit's new content: what the plain message's fields said, plus the quote and forward count. */
export const sealedMessageSchema = z.object({
  /**
   * The message's client id: binds the content to its message, so a server that stores the same
   * ciphertext again as another message (a replay) shows nothing (the library binds it to the chat).
   */
  id: z.string().max(128),
  type: z.enum(SEALED_TYPES),
  text: z.string().max(MESSAGE_TEXT_MAX * 2),
  location: sharedLocationOutputSchema.optional(),
  contact: sharedContactSchema.optional(),
  /** The message it replies to, as the sender saw it. */
  replyTo: quotedMessageSchema.optional(),
  /** How many times the content had been forwarded (the sender's app counts, and keeps WhatsApp's limits). */
  forwards: z.number().int().min(1).max(FORWARDS_MAX).optional(),
  /** Audio, voice and video: seconds, as the sender's device measured them. */
  duration: z.number().min(0).max(DURATION_MAX).optional(),
  /** A file message whose upload is encrypted: what opens it, and what it is. */
  file: sealedFileSchema.optional(),
  /** A reply to an encrypted status: what it quotes of it (the server knows only which status it was). */
  status: sealedStatusQuoteSchema.optional(),
  /** A text message: the preview of its link, made by the sender's app (shown only if its link is in the text). */
  linkPreview: linkPreviewSchema.optional(),
});
export type SealedMessage = z.infer<typeof sealedMessageSchema>;

/**
 * An end-to-end encrypted status, for its audience's eyes: what a plain status's fields say. `id` is the
 * poster's client id of it, binding the content to its status (a server that stores the ciphertext again
 * as another status shows nothing). A photo's or video's file is the upload beside the ciphertext.
 */
export const sealedStatusSchema = z.object({
  id: z.string().max(128),
  kind: z.enum(SHOWN_STATUS_KINDS),
  text: z.string().max(STATUS_TEXT_MAX * 2),
  background: z.enum(STATUS_BACKGROUNDS).nullable(),
  font: z.enum(STATUS_FONTS).nullable(),
  /** A video's seconds, as the poster's device measured them. */
  duration: z.number().min(0).max(DURATION_MAX).optional(),
  file: sealedFileSchema.optional(),
});
export type SealedStatus = z.infer<typeof sealedStatusSchema>;

/** A reaction: the emoji, and the client id of the message it reacts to (so it can't be moved to another). */
export const sealedReactionContentSchema = z.object({ emoji: emojiSchema, to: z.string().max(128) });

/**
 * A call's signal (SDP offer or answer, ICE candidate) in an end-to-end encrypted chat, bound to its call and
 * to the device it is for: a server relaying it to another call or device gets it refused. The receiver also
 * checks that the library says it came from the device the server named as its sender.
 */
export const sealedCallSignalSchema = z.object({ callId: z.string().max(128), to: z.string().max(64), signal: plainSignalSchema });
export type SealedCallSignal = z.infer<typeof sealedCallSignalSchema>;
