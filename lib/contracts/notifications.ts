// Notifications: what the server pushes to a device with no open connection (Web Push, shown by the
// service worker in lib/service-worker/), and the settings that shape it. Server: server/services/push.ts.

import { z } from "zod";
import { LOCALES, type Locale } from "../i18n/locales";
import { message } from "../i18n/text";
import { text } from "./text";

/** What a push is about: a message, a message that mentions me (shown even in a muted group), a call, or an admin's test. */
export const PUSH_KINDS = ["message", "mention", "call", "test"] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/** A message preview in a push is cut to this many characters (push services take about 4 KB per push). */
export const PUSH_BODY_MAX = 200;

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

/** The body of GET /api/v1/notifications/push/key: the server's VAPID public key (base64url), the applicationServerKey. */
export interface PushKey {
  publicKey: string;
}

/** base64url of exactly `bytes` bytes, without padding (a trailing "=" is tolerated and dropped). */
const base64url = (bytes: number, what: string) =>
  z
    .string(message("validation.field.required", { field: what }))
    .transform((s) => s.replace(/=+$/, ""))
    .refine(
      (s) => /^[A-Za-z0-9_-]*$/.test(s) && s.length === Math.ceil((bytes * 4) / 3),
      message("validation.notifications.base64url", { field: what, bytes }),
    );

/** What PushSubscription.toJSON() gives in the browser: POST /api/v1/notifications/push/subscriptions. */
export const pushSubscriptionSchema = z.object({
  /** The push service's URL for this device (https, on a known push service: the server POSTs to it). */
  endpoint: text("endpoint", { error: message("validation.field.required", { field: "endpoint" }) }).max(
    2048,
    message("validation.field.tooLong", { field: "endpoint" }),
  ),
  /** Accepted and ignored: push services report an ended subscription with 404/410, which removes it. */
  expirationTime: z.number().nullable().optional(),
  keys: z.object(
    {
      /** The browser's P-256 public key, uncompressed (65 bytes starting 0x04). */
      p256dh: base64url(65, "keys.p256dh").refine((s) => s.startsWith("B"), message("validation.notifications.p256dh")),
      /** The browser's 16-byte authentication secret. */
      auth: base64url(16, "keys.auth"),
    },
    message("validation.notifications.keysRequired", { shape: "{ p256dh, auth }" }),
  ),
  /** The device's language: its notifications are written in it (default English). */
  locale: z.enum(LOCALES).optional(),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

/** GET/PATCH /api/v1/users/me/notifications. */
export interface NotificationSettings {
  /** Notifications show the message text (false: "New message"). */
  previews: boolean;
  /** Notifications play a sound. */
  sounds: boolean;
  /** This device (the caller's session) has a push subscription. */
  thisDevice: boolean;
  /** The account's language: its emails are written in it (the app sets it with Settings › Language). */
  locale: Locale;
}
export const updateNotificationSettingsSchema = z.strictObject({
  previews: z.boolean(message("validation.field.boolean", { field: "previews" })).optional(),
  sounds: z.boolean(message("validation.field.boolean", { field: "sounds" })).optional(),
  locale: z.enum(LOCALES).optional(),
});
export type UpdateNotificationSettings = z.infer<typeof updateNotificationSettingsSchema>;

/** POST /api/v1/notifications/push (admins): a test notification to every device of the user. */
export const testPushSchema = z.object({
  userId: text("userId", { error: message("validation.field.required", { field: "userId" }) }).min(
    1,
    message("validation.field.required", { field: "userId" }),
  ),
  title: text("title")
    .trim()
    .min(1)
    .max(100, message("validation.field.canBeAtMostChars", { field: "title", max: 100 }))
    .optional(),
  body: text("body", { multiline: true })
    .trim()
    .max(500, message("validation.field.canBeAtMostChars", { field: "body", max: 500 }))
    .optional(),
});
export type TestPush = z.infer<typeof testPushSchema>;
/** How many of the user's devices the push service accepted it for, and how many subscriptions had ended (removed). */
export interface TestPushResult {
  sent: number;
  removed: number;
}
