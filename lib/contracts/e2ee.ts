// The end-to-end encryption contract: the key server and the to-device queue the browsers' crypto
// library (vodozemac in @matrix-org/matrix-sdk-crypto-wasm) talks to. Bodies and answers have the shapes
// of the Matrix client-server API's keys/upload, keys/query, keys/claim and sendToDevice, because that
// library makes and reads them: the server stores keys and payloads as JSON it never needs to open, and
// checks only what routing and ownership need (who uploads whose keys, which key ids exist, who may
// reach whom). In these bodies users are named as the library names them: `@<user id>:chatterbox`.
import { z } from "zod";
import { message, type TextKey } from "../i18n/text";

/** The "server name" part of every user id the crypto library sees (it wants Matrix-shaped ids). */
export const CRYPTO_SERVER_NAME = "chatterbox";
export const cryptoUserId = (userId: string) => `@${userId}:${CRYPTO_SERVER_NAME}`;
/** The room id the library knows a conversation by. */
export const cryptoRoomId = (conversationId: string) => `!${conversationId}:${CRYPTO_SERVER_NAME}`;
const CRYPTO_USER = /^@([A-Za-z0-9_-]{1,64}):chatterbox$/;
/** The app's user id inside a crypto user id, or null when it is not one of ours. */
export const userIdOfCrypto = (cryptoId: string): string | null => CRYPTO_USER.exec(cryptoId)?.[1] ?? null;

/** The algorithm of one-time and fallback keys (Olm's signed Curve25519 keys); no other is accepted. */
export const ONE_TIME_KEY_ALGORITHM = "signed_curve25519";
/** Most one-time keys one upload may carry, and most a device may have stored (the library keeps 50). */
export const ONE_TIME_KEYS_PER_UPLOAD = 100;
export const ONE_TIME_KEYS_STORED_MAX = 200;
/** Most users one key query or claim may name, and most recipients (devices) of one to-device send. */
export const KEY_USERS_MAX = 1024;
export const TO_DEVICE_RECIPIENTS_MAX = 1024;
/** The most bytes of a key upload, query or claim (a claim for 1,024 devices is about 75 KB). */
export const KEYS_BODY_MAX = 256 * 1024;
/** The most bytes of one to-device send (room keys for a 1,024-device group take about 1.2 MB). */
export const TO_DEVICE_BODY_MAX = 2 * 1024 * 1024;
/** Most to-device events one inbox page carries. */
export const INBOX_PAGE_MAX = 100;

const cryptoUser = z.string().regex(CRYPTO_USER, message("validation.e2ee.userId", { format: "@<id>:chatterbox" }));
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, message("validation.e2ee.deviceId"));
/** "<algorithm>:<name>", as the library names keys (ed25519:DEVICE, signed_curve25519:AAAAAAAAAA0). */
const keyId = z
  .string()
  .regex(/^[a-z0-9_.]{1,64}:[A-Za-z0-9_+/=-]{1,64}$/, message("validation.e2ee.keyId", { format: "<algorithm>:<name>" }));
/** A public key or a signature: unpadded base64. */
const base64 = z.string().regex(/^[A-Za-z0-9+/]{16,128}$/, message("validation.e2ee.keyOrSignature"));

/** A record of at most `max` entries; `what` says of what ("at most {max} signers"). */
const limited = <T extends z.ZodType>(record: T, max: number, what: TextKey) =>
  record.refine((value) => Object.keys(value as object).length <= max, message(what, { max }));

const signaturesSchema = limited(
  z.record(cryptoUser, limited(z.record(keyId, base64), 8, "validation.e2ee.signaturesPerUser")),
  8,
  "validation.e2ee.signers",
);

/**
 * A device's identity as its library signed it. Kept whole (other fields pass through), since the
 * signature covers the entire object and every reader checks it.
 */
export const deviceKeysSchema = z.looseObject({
  user_id: cryptoUser,
  device_id: deviceIdSchema,
  algorithms: z.array(z.string().max(64)).min(1).max(8),
  keys: limited(z.record(keyId, base64), 8, "validation.e2ee.keys"),
  signatures: signaturesSchema,
});
export type DeviceKeys = z.infer<typeof deviceKeysSchema>;

/** A signed one-time or fallback key. */
const signedKeySchema = z.looseObject({ key: base64, signatures: signaturesSchema, fallback: z.boolean().optional() });
export type SignedKey = z.infer<typeof signedKeySchema>;

const algorithmOf = (id: string) => id.slice(0, id.indexOf(":"));
const signedKeys = (max: number, what: TextKey) =>
  limited(z.record(keyId, signedKeySchema), max, what).refine(
    (keys) => Object.keys(keys).every((id) => algorithmOf(id) === ONE_TIME_KEY_ALGORITHM),
    message("validation.field.equals", { field: "keys", value: ONE_TIME_KEY_ALGORITHM }),
  );

export const keysUploadSchema = z.object({
  device_keys: deviceKeysSchema.optional(),
  one_time_keys: signedKeys(ONE_TIME_KEYS_PER_UPLOAD, "validation.e2ee.oneTimeKeysPerUpload").optional(),
  fallback_keys: signedKeys(1, "validation.e2ee.fallbackKeys").optional(),
});
export type KeysUpload = z.infer<typeof keysUploadSchema>;

/** How many one-time keys of each algorithm the device has left on the server (it uploads more when low). */
export const oneTimeKeyCountsSchema = z.record(z.string(), z.number().int());
export const keysUploadResultSchema = z.object({ one_time_key_counts: oneTimeKeyCountsSchema });

/** Users whose devices to fetch; the device list of each is ignored (all their devices are returned). */
export const keysQuerySchema = z.object({
  device_keys: limited(
    z.record(cryptoUser, z.array(deviceIdSchema).max(0, message("validation.e2ee.allDevices"))),
    KEY_USERS_MAX,
    "validation.e2ee.users",
  ),
  timeout: z.number().optional(),
});
export const keysQueryResultSchema = z.object({
  device_keys: z.record(z.string(), z.record(z.string(), deviceKeysSchema)),
  failures: z.record(z.string(), z.unknown()),
});

/** One key to claim per device, by algorithm. */
export const keysClaimSchema = z.object({
  one_time_keys: limited(
    z.record(cryptoUser, limited(z.record(deviceIdSchema, z.literal(ONE_TIME_KEY_ALGORITHM)), 64, "validation.e2ee.devicesPerUser")),
    KEY_USERS_MAX,
    "validation.e2ee.users",
  ),
  timeout: z.number().optional(),
});
export const keysClaimResultSchema = z.object({
  one_time_keys: z.record(z.string(), z.record(z.string(), z.record(z.string(), signedKeySchema))),
  failures: z.record(z.string(), z.unknown()),
});

/** The feed of device list changes: from the cursor a client holds (none: just tell me where it is now). */
export const keyChangesQuerySchema = z.object({ from: z.coerce.number().int().min(0).optional() });
export const keyChangesSchema = z.object({
  /** Users (crypto ids) I share a conversation with, or me, whose devices changed after `from`. */
  changed: z.array(z.string()),
  /** The cursor to ask from next time. */
  next: z.number().int(),
});

/** Pushed when devices changed: the users (crypto ids) to fetch again. */
export const keyChangesPushSchema = z.object({ users: z.array(z.string()) });

/** The algorithm of a chat's messages: Megolm, one session per sending device, its key shared over Olm. */
export const MEGOLM_ALGORITHM = "m.megolm.v1.aes-sha2";
/** The most characters of one encrypted content: a 4,096-character message with its reply quote, in base64. */
export const ENCRYPTED_CONTENT_MAX = 48 * 1024;

/**
 * What an encrypted message, edit or reaction carries in place of its content: the Megolm ciphertext as the
 * sender's library made it. The server stores it and never opens it; fields it doesn't know are dropped.
 */
export const encryptedContentSchema = z.object({
  algorithm: z.literal(MEGOLM_ALGORITHM, message("validation.field.equals", { field: "algorithm", value: MEGOLM_ALGORITHM })),
  ciphertext: z
    .string()
    .max(ENCRYPTED_CONTENT_MAX, message("validation.e2ee.contentTooLong", { max: ENCRYPTED_CONTENT_MAX / 1024 }))
    .regex(/^[A-Za-z0-9+/]+$/, message("validation.field.base64", { field: "ciphertext" })),
  session_id: z.string().regex(/^[A-Za-z0-9+/]{16,128}$/, message("validation.field.base64", { field: "session_id" })),
  /** The sending device's Curve25519 key and id (Megolm v1 content carries them; the library checks them). */
  sender_key: base64.optional(),
  device_id: deviceIdSchema.optional(),
});
export type EncryptedContent = z.infer<typeof encryptedContentSchema>;

/** One member's reaction to an encrypted message: the emoji, encrypted like a message. */
export const sealedReactionSchema = z.object({ userId: z.string(), encrypted: encryptedContentSchema });
export type SealedReaction = z.infer<typeof sealedReactionSchema>;

/** Who this session is to the crypto library: the ids its OlmMachine is created with. */
export const cryptoDeviceSchema = z.object({ userId: z.string(), deviceId: z.string() });

/**
 * Payloads for other devices (`*`: every device of that user), each already encrypted for its device by
 * the sender's library. `txnId` in the path makes a retried send a no-op.
 */
export const toDeviceSendSchema = z.object({
  type: z.string().regex(/^[a-z0-9_.]{1,64}$/, message("validation.e2ee.eventType", { example: "m.room.encrypted" })),
  messages: z
    .record(cryptoUser, z.record(z.union([deviceIdSchema, z.literal("*")]), z.looseObject({})))
    .refine(
      (users) => Object.values(users).reduce((n, devices) => n + Object.keys(devices).length, 0) <= TO_DEVICE_RECIPIENTS_MAX,
      message("validation.e2ee.devicesPerSend", { max: TO_DEVICE_RECIPIENTS_MAX }),
    ),
});
/** The sender's id for one send: the same id again is a retry. */
export const txnIdSchema = z.string().regex(/^[A-Za-z0-9._=-]{1,128}$/, message("validation.e2ee.txnId"));
export type ToDeviceSend = z.infer<typeof toDeviceSendSchema>;

export const inboxQuerySchema = z.object({
  /** The `next` of the page before: everything up to it was received and is deleted. 0 the first time. */
  since: z.coerce.number().int().min(0).default(0),
});
export const toDeviceEventSchema = z.object({ sender: z.string(), type: z.string(), content: z.record(z.string(), z.unknown()) });
export const inboxSchema = z.object({
  events: z.array(toDeviceEventSchema),
  /** Pass it as `since` next time; more may be waiting when the page is full. */
  next: z.number().int(),
  device_one_time_keys_count: oneTimeKeyCountsSchema,
  /** The algorithms of this device's fallback keys no one has claimed yet (the library replaces a used one). */
  device_unused_fallback_key_types: z.array(z.string()),
});
export type Inbox = z.infer<typeof inboxSchema>;
