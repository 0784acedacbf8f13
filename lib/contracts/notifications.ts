// Notifications: what the server pushes to a device with no open connection (Web Push, shown by the
// service worker in lib/service-worker/), and the settings that shape it. Server: server/services/push.ts.
import { z } from "zod";

/** What a push is about: a message, a message that mentions me (shown even in a muted group), a call, or an admin's test. */
export const PUSH_KINDS = ["message", "mention", "call", "test"] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/** The decrypted body of every Web Push the server sends. */
export const pushPayloadSchema = z.object({
  kind: z.enum(PUSH_KINDS),
  /** The chat it belongs to (absent for a test). */
  conversationId: z.string().optional(),
  /** The sender, or "Sender @ Group" in a group. */
  title: z.string(),
  /** The message preview, or a neutral line ("New message") when the recipient turned previews off. */
  body: z.string(),
  /** Notifications with the same tag replace each other: one per chat. */
  tag: z.string(),
  /** The page a click opens ("/?chat=<id>"). */
  url: z.string(),
  /** False when the recipient turned notification sounds off. */
  sound: z.boolean(),
  /** Milliseconds since the epoch. */
  sentAt: z.number(),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;
