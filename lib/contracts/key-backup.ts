// Key backup: the room keys of a user's encrypted chats, kept on the server so that a new device can read
// the history. Each device encrypts the keys it holds to the backup's public key (the crypto library's
// m.megolm_backup.v1, Curve25519 + AES + HMAC); the private key is the user's recovery key, or is derived
// from a passphrase they chose, and never reaches the server. Bodies have the shapes of the Matrix
// client-server API's room_keys endpoints, because the library makes and reads them.
import { z } from "zod";
import { message } from "../i18n/text";

/** The backup algorithm: the only one accepted. */
export const BACKUP_ALGORITHM = "m.megolm_backup.v1.curve25519-aes-sha2";
/** The most bytes of one upload of keys (the library sends 100 keys at a time, about 1 KB each). */
export const BACKUP_KEYS_BODY_MAX = 1024 * 1024;
/** Most keys one upload may carry, and one page of a download. */
export const BACKUP_KEYS_PER_UPLOAD = 500;
export const BACKUP_KEYS_PAGE = 1000;
/** A passphrase-derived key: PBKDF2-SHA-512 iterations (at least; the browser uses BACKUP_PASSPHRASE_ITERATIONS). */
export const BACKUP_PASSPHRASE_ITERATIONS_MIN = 100_000;
export const BACKUP_PASSPHRASE_ITERATIONS = 500_000;
/** The shortest passphrase the app accepts: the server holds what a guess can be checked against, so it must be long. */
export const BACKUP_PASSPHRASE_MIN = 12;

/** The conversation a backed-up key belongs to, as the crypto library names it: `!<conversation id>:chatterbox`. */
const ROOM_ID = /^!([A-Za-z0-9_-]{1,64}):chatterbox$/;
/** The app's conversation id inside a crypto room id, or null when it is not one of ours. */
export const conversationIdOfRoom = (roomId: string): string | null => ROOM_ID.exec(roomId)?.[1] ?? null;

const base64 = (max: number, min = 16) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9+/]{${min},${max}}$`), message("validation.keyBackup.unpaddedBase64"));

export const backupAuthDataSchema = z.object({
  public_key: base64(64),
  /** Set when the key is derived from a passphrase: PBKDF2-SHA-512's salt and iterations. */
  private_key_salt: z
    .string()
    .regex(/^[A-Za-z0-9]{16,64}$/, message("validation.keyBackup.salt"))
    .optional(),
  private_key_iterations: z
    .number()
    .int()
    .min(
      BACKUP_PASSPHRASE_ITERATIONS_MIN,
      message("validation.field.atLeast", { field: "private_key_iterations", min: BACKUP_PASSPHRASE_ITERATIONS_MIN }),
    )
    .max(10_000_000)
    .optional(),
});
export type BackupAuthData = z.infer<typeof backupAuthDataSchema>;

/** Starts a new backup, replacing the user's current one and its keys. */
export const backupCreateSchema = z.object({
  algorithm: z.literal(BACKUP_ALGORITHM, message("validation.field.equals", { field: "algorithm", value: BACKUP_ALGORITHM })),
  auth_data: backupAuthDataSchema,
});
export type BackupCreate = z.infer<typeof backupCreateSchema>;

/** The user's current backup. `etag` changes whenever keys are added. */
export const backupInfoSchema = z.object({
  algorithm: z.string(),
  auth_data: backupAuthDataSchema,
  version: z.string(),
  count: z.number().int(),
  etag: z.string(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

export const backupVersionSchema = z.string().regex(/^[1-9][0-9]{0,9}$/, message("validation.keyBackup.version"));

/** One room key, encrypted by the device to the backup's public key. */
export const backedUpKeySchema = z.object({
  first_message_index: z.number().int().min(0),
  forwarded_count: z.number().int().min(0),
  is_verified: z.boolean(),
  session_data: z.object({ ephemeral: base64(64), ciphertext: base64(16_384), mac: base64(64, 8) }),
});

const sessionIdSchema = z.string().regex(/^[A-Za-z0-9+/]{16,128}$/, message("validation.keyBackup.sessionId"));

/** Keys by conversation (crypto room id) and Megolm session id. */
const roomsSchema = z.record(
  z.string().regex(ROOM_ID, message("validation.keyBackup.roomId", { format: "!<id>:chatterbox" })),
  z.object({ sessions: z.record(sessionIdSchema, backedUpKeySchema) }),
);
export const backupKeysSchema = z.object({
  rooms: roomsSchema.refine(
    (rooms) => Object.values(rooms).reduce((n, room) => n + Object.keys(room.sessions).length, 0) <= BACKUP_KEYS_PER_UPLOAD,
    message("validation.keyBackup.keysPerUpload", { max: BACKUP_KEYS_PER_UPLOAD }),
  ),
});
export type BackupKeys = z.infer<typeof backupKeysSchema>;

export const backupKeysQuerySchema = z.object({
  version: backupVersionSchema,
  /** Download: the `next` of the page before. */
  after: z.string().max(256).optional(),
});
export const backupKeysUploadResultSchema = z.object({ count: z.number().int(), etag: z.string() });
/** A page of keys; `next` names where the following page starts (none: this was the last). */
export const backupKeysPageSchema = z.object({ rooms: roomsSchema, next: z.string().optional() });
export type BackupKeysPage = z.infer<typeof backupKeysPageSchema>;
