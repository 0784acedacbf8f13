// The key server of end-to-end encryption: each signed-in session is one device, whose browser uploads
// the public half of its identity keys, one-time keys and a fallback key; other members' devices fetch
// them to open Olm sessions with it. The server never holds a private key and never needs to verify a
// signature (every client checks them); it checks that a device uploads only its own keys, that keys
// are handed out once, and that only users who share a conversation can fetch each other's.
import { createHash } from "node:crypto";
import type { z } from "zod";
import {
  cryptoUserId,
  type DeviceKeys,
  type KeysUpload,
  type keysClaimSchema,
  type keysQuerySchema,
  ONE_TIME_KEYS_STORED_MAX,
  type SignedKey,
  userIdOfCrypto,
} from "../../lib/contracts/e2ee";
import type { ActiveSession } from "../auth/sessions";
import type { AppContext, ReadContext } from "../context";
import { AppError, type ErrorText } from "../errors";
import type { Driver } from "../store/driver";
import {
  claimKey,
  deviceListChanges,
  devicesOf,
  devicesOfSessions,
  hasDevice,
  keyStock,
  putDeviceKeys,
  putFallbackKey,
  putOneTimeKeys,
  recordDeviceListChanges,
} from "../store/keys-sql";
import { cryptoPeerIds } from "../store/privacy-sql";

const DEVICE_ID_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A session's device id: 10 capital letters derived from the session id (which stays secret). */
export function deviceIdOf(sessionId: string): string {
  const digest = createHash("sha256").update(`chatterbox device ${sessionId}`).digest();
  return Array.from(digest.subarray(0, 10), (byte) => DEVICE_ID_LETTERS[byte % 26]).join("");
}

/** The ids this session's crypto library is created with. */
export const cryptoDeviceOf = (caller: ActiveSession) => ({ userId: cryptoUserId(caller.userId), deviceId: deviceIdOf(caller.sessionId) });

const badKeys = (message: ErrorText, field: string) => new AppError("bad_request", message, { field });

/** Device keys must be this device's own: its user and device ids, both its keys, and its own signature. */
function checkDeviceKeys(keys: DeviceKeys, userId: string, deviceId: string): void {
  if (keys.user_id !== userId) throw badKeys({ key: "errors.devices.wrongUserId" }, "device_keys.user_id");
  if (keys.device_id !== deviceId) throw badKeys({ key: "errors.devices.wrongDeviceId", values: { deviceId } }, "device_keys.device_id");
  for (const algorithm of ["ed25519", "curve25519"])
    if (!keys.keys[`${algorithm}:${deviceId}`])
      throw badKeys({ key: "errors.devices.missingKey", values: { algorithm, deviceId } }, "device_keys.keys");
  if (!keys.signatures[userId]?.[`ed25519:${deviceId}`]) throw badKeys({ key: "errors.devices.unsigned" }, "device_keys.signatures");
}

const signedKeyList = (keys: KeysUpload["one_time_keys"]) =>
  Object.entries(keys ?? {}).map(([keyId, key]) => [keyId, keyId.slice(0, keyId.indexOf(":")), key] as [string, string, object]);

/** Answers an upload: what is stored now. */
async function stockOf(app: ReadContext, userId: string, deviceId: string) {
  const { counts } = await keyStock(app.store.reader, userId, deviceId);
  return { one_time_key_counts: counts };
}

/**
 * Stores the caller's device keys (once; the same keys again are a retry), one-time keys and fallback
 * key. A new device is announced to everyone who shares a conversation with its user.
 */
export async function uploadKeys(app: AppContext, caller: ActiveSession, upload: KeysUpload) {
  const { userId: cryptoId, deviceId } = cryptoDeviceOf(caller);
  const { userId, sessionId } = caller;
  if (upload.device_keys) checkDeviceKeys(upload.device_keys, cryptoId, deviceId);
  const oneTimeKeys = signedKeyList(upload.one_time_keys);
  const fallbackKeys = signedKeyList(upload.fallback_keys);
  if (!upload.device_keys && (oneTimeKeys.length || fallbackKeys.length) && !(await hasDevice(app.store.reader, userId, deviceId)))
    throw new AppError("conflict", { key: "errors.devices.keysBeforeOneTimeKeys" }, { field: "device_keys" });

  const outcome = await app.store.transact(async (tx) => {
    if (upload.device_keys) {
      const stored = await putDeviceKeys(tx, { userId, deviceId, sessionId, keys: upload.device_keys });
      if (stored === "conflict") return "device conflict" as const;
      if (stored === "stored") await recordDeviceListChanges(tx, [userId]);
    }
    const added = oneTimeKeys.length ? await putOneTimeKeys(tx, userId, deviceId, oneTimeKeys, ONE_TIME_KEYS_STORED_MAX) : "stored";
    if (added !== "stored") return added;
    for (const [keyId, algorithm, key] of fallbackKeys) await putFallbackKey(tx, userId, deviceId, keyId, algorithm, key);
    return upload.device_keys ? "device stored" : "stored";
  });
  if (outcome === "device conflict")
    throw new AppError(
      "conflict",
      { key: "errors.devices.keysChanged" },
      {
        field: "device_keys",
      },
    );
  if (outcome === "conflict") throw new AppError("conflict", { key: "errors.devices.oneTimeKeyReused" }, { field: "one_time_keys" });
  if (outcome === "full")
    throw new AppError(
      "bad_request",
      { key: "errors.devices.oneTimeKeysFull", values: { limit: ONE_TIME_KEYS_STORED_MAX } },
      {
        field: "one_time_keys",
      },
    );
  if (outcome === "device stored") await app.publisher.devicesChanged(userId);
  return stockOf(app, userId, deviceId);
}

/**
 * The app user ids behind these crypto ids (mapped to them) whose devices the caller may reach (fetch,
 * claim, send to): itself and those it shares a conversation or a status list with (cryptoPeerIds).
 */
export async function reachable(app: ReadContext, caller: ActiveSession, cryptoIds: string[]): Promise<Map<string, string>> {
  const peers = new Set(await cryptoPeerIds(app.store.reader, caller.userId));
  const allowed = new Map<string, string>();
  for (const cryptoId of cryptoIds) {
    const userId = userIdOfCrypto(cryptoId);
    if (userId && (userId === caller.userId || peers.has(userId))) allowed.set(userId, cryptoId);
  }
  return allowed;
}

/** The device keys of every device of the users asked for (those the caller may reach; others are left out). */
export async function queryKeys(app: ReadContext, caller: ActiveSession, query: z.infer<typeof keysQuerySchema>) {
  const allowed = await reachable(app, caller, Object.keys(query.device_keys));
  const deviceKeys: Record<string, Record<string, DeviceKeys>> = {};
  for (const cryptoId of allowed.values()) deviceKeys[cryptoId] = {};
  for (const row of await devicesOf(app.store.reader, [...allowed.keys()]))
    deviceKeys[cryptoUserId(row.userId)][row.deviceId] = JSON.parse(row.keys) as DeviceKeys;
  return { device_keys: deviceKeys, failures: {} };
}

/** One key per device asked for: a one-time key, handed out once, or the fallback key when none is left. */
export async function claimKeys(app: AppContext, caller: ActiveSession, claim: z.infer<typeof keysClaimSchema>) {
  const allowed = await reachable(app, caller, Object.keys(claim.one_time_keys));
  const wanted = [...allowed].flatMap(([userId, cryptoId]) =>
    Object.entries(claim.one_time_keys[cryptoId]).map(([deviceId, algorithm]) => ({ userId, cryptoId, deviceId, algorithm })),
  );
  const claimed = await app.store.transact(async (tx) => {
    const out: { cryptoId: string; deviceId: string; keyId: string; key: string }[] = [];
    for (const want of wanted) {
      const key = await claimKey(tx, want.userId, want.deviceId, want.algorithm);
      if (key) out.push({ cryptoId: want.cryptoId, deviceId: want.deviceId, ...key });
    }
    return out;
  });
  const oneTimeKeys: Record<string, Record<string, Record<string, SignedKey>>> = {};
  for (const { cryptoId, deviceId, keyId, key } of claimed) {
    oneTimeKeys[cryptoId] ??= {};
    oneTimeKeys[cryptoId][deviceId] = { [keyId]: JSON.parse(key) as SignedKey };
  }
  return { one_time_keys: oneTimeKeys, failures: {} };
}

/** Whose devices changed since the caller's cursor, among itself and those it shares a conversation with. */
export async function keyChanges(app: ReadContext, caller: ActiveSession, from: number | undefined) {
  const { userIds, next } = await deviceListChanges(app.store.reader, from ?? Number.MAX_SAFE_INTEGER);
  const allowed = await reachable(app, caller, userIds.map(cryptoUserId));
  return { changed: [...allowed.values()], next };
}

/**
 * Sessions about to be signed out: their devices leave their users' device lists (the rows go with the
 * sessions). Runs in the transaction that deletes them; returns the users whose device lists changed.
 */
export async function forgetDevices(tx: Driver, sessionIds: string[]): Promise<string[]> {
  const userIds = [...new Set((await devicesOfSessions(tx, sessionIds)).map((row) => row.userId))];
  await recordDeviceListChanges(tx, userIds);
  return userIds;
}
