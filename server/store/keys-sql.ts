// The key server's tables (CryptoDevice, OneTimeKey, FallbackKey, DeviceListChange, ToDeviceMessage,
// ToDeviceTxn in prisma/schema.prisma), on the driver. Writes run inside the store's write transaction
// (MessageStore.transact), so they never throw for an expected outcome: a refused write is a return value.
import { isDeepStrictEqual } from "node:util";
import { type Driver, inJson, json, jsonRows, orFail, toDbTime, truthy } from "./driver";

export interface DeviceRow {
  userId: string;
  deviceId: string;
  sessionId: string;
  keys: string;
}

/** Stores a device's keys once. "conflict": this device already has other keys (a device's identity never changes). */
export async function putDeviceKeys(
  tx: Driver,
  device: { userId: string; deviceId: string; sessionId: string; keys: object },
): Promise<"stored" | "unchanged" | "conflict"> {
  const inserted = await tx.run(
    `INSERT INTO "CryptoDevice" ("userId", "deviceId", "sessionId", "keys", "createdAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [device.userId, device.deviceId, device.sessionId, JSON.stringify(device.keys), toDbTime(tx.dialect, new Date())],
  );
  if (inserted) return "stored";
  const row = await tx.get<{ keys: string }>(`SELECT "keys" FROM "CryptoDevice" WHERE "userId" = ? AND "deviceId" = ?`, [
    device.userId,
    device.deviceId,
  ]);
  return row && isDeepStrictEqual(JSON.parse(row.keys), device.keys) ? "unchanged" : "conflict";
}

export const hasDevice = async (db: Driver, userId: string, deviceId: string) =>
  (await db.get(`SELECT 1 AS "x" FROM "CryptoDevice" WHERE "userId" = ? AND "deviceId" = ?`, [userId, deviceId])) !== undefined;

/** The devices with keys of these users. */
export const devicesOf = async (db: Driver, userIds: string[]): Promise<DeviceRow[]> =>
  userIds.length
    ? db.all<DeviceRow>(
        `SELECT "userId", "deviceId", "sessionId", "keys" FROM "CryptoDevice" WHERE "userId" ${inJson(db.dialect)} ORDER BY "userId", "deviceId"`,
        [json(userIds)],
      )
    : [];

/** The device keys of these sessions (about to be signed out). */
export const devicesOfSessions = async (db: Driver, sessionIds: string[]): Promise<{ userId: string }[]> =>
  sessionIds.length ? db.all(`SELECT "userId" FROM "CryptoDevice" WHERE "sessionId" ${inJson(db.dialect)}`, [json(sessionIds)]) : [];

/**
 * Adds one-time keys ([keyId, algorithm, key JSON]). A key id the device already used for another key
 * is a conflict (nothing is stored); the same key again is a retry and changes nothing. "full": the
 * device would hold more than `max`.
 */
export async function putOneTimeKeys(
  tx: Driver,
  userId: string,
  deviceId: string,
  keys: [keyId: string, algorithm: string, key: object][],
  max: number,
): Promise<"stored" | "conflict" | "full"> {
  const existing = await tx.all<{ keyId: string; key: string }>(
    `SELECT "keyId", "key" FROM "OneTimeKey" WHERE "userId" = ? AND "deviceId" = ? AND "keyId" ${inJson(tx.dialect)}`,
    [userId, deviceId, json(keys.map(([id]) => id))],
  );
  const stored = new Map(existing.map((row) => [row.keyId, JSON.parse(row.key)]));
  if (keys.some(([id, , key]) => stored.has(id) && !isDeepStrictEqual(stored.get(id), key))) return "conflict";
  const fresh = keys.filter(([id]) => !stored.has(id));
  const count = await tx.get<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "OneTimeKey" WHERE "userId" = ? AND "deviceId" = ?`, [
    userId,
    deviceId,
  ]);
  if (Number(count?.n ?? 0) + fresh.length > max) return "full";
  if (fresh.length)
    await tx.run(
      `INSERT${orFail(tx.dialect)} INTO "OneTimeKey" ("userId", "deviceId", "keyId", "algorithm", "key")
       SELECT ?, ?, k."keyId", k."algorithm", k."key" FROM ${jsonRows(tx.dialect, "k", [
         ["keyId", "text"],
         ["algorithm", "text"],
         ["key", "text"],
       ])}`,
      [userId, deviceId, json(fresh.map(([id, algorithm, key]) => [id, algorithm, JSON.stringify(key)]))],
    );
  return "stored";
}

/** Sets the device's fallback key for its algorithm; the same key again (a retry) keeps whether it was used (ids are no guide: the library may reuse one). */
export async function putFallbackKey(tx: Driver, userId: string, deviceId: string, keyId: string, algorithm: string, key: object) {
  await tx.run(
    `INSERT INTO "FallbackKey" ("userId", "deviceId", "algorithm", "keyId", "key", "used") VALUES (?, ?, ?, ?, ?, FALSE)
     ON CONFLICT ("userId", "deviceId", "algorithm") DO UPDATE SET "keyId" = excluded."keyId", "key" = excluded."key", "used" = excluded."used"
     WHERE "FallbackKey"."key" <> excluded."key"`,
    [userId, deviceId, algorithm, keyId, JSON.stringify(key)],
  );
}

/** How many one-time keys the device has left, per algorithm, and its fallback keys not handed out yet. */
export async function keyStock(db: Driver, userId: string, deviceId: string) {
  const [counts, fallbacks] = await Promise.all([
    db.all<{ algorithm: string; n: number | string }>(
      `SELECT "algorithm", COUNT(*) AS "n" FROM "OneTimeKey" WHERE "userId" = ? AND "deviceId" = ? GROUP BY "algorithm"`,
      [userId, deviceId],
    ),
    db.all<{ algorithm: string; used: unknown }>(`SELECT "algorithm", "used" FROM "FallbackKey" WHERE "userId" = ? AND "deviceId" = ?`, [
      userId,
      deviceId,
    ]),
  ]);
  return {
    counts: Object.fromEntries(counts.map((row) => [row.algorithm, Number(row.n)])),
    unusedFallbacks: fallbacks.filter((row) => !truthy(row.used)).map((row) => row.algorithm),
  };
}

/**
 * Hands out one of the device's one-time keys, deleting it in the statement that reads it, so no two
 * claims get the same key: on PostgreSQL a key another node's claim holds is skipped (SKIP LOCKED), on
 * SQLite writes are serial. None left: the fallback key (marked used, and handed out again until replaced).
 */
export async function claimKey(
  tx: Driver,
  userId: string,
  deviceId: string,
  algorithm: string,
): Promise<{ keyId: string; key: string } | null> {
  const pick =
    tx.dialect === "postgresql"
      ? `SELECT "keyId" FROM "OneTimeKey" WHERE "userId" = ? AND "deviceId" = ? AND "algorithm" = ? ORDER BY "keyId" LIMIT 1 FOR UPDATE SKIP LOCKED`
      : `SELECT "keyId" FROM "OneTimeKey" WHERE "userId" = ? AND "deviceId" = ? AND "algorithm" = ? ORDER BY "keyId" LIMIT 1`;
  const claimed = await tx.get<{ keyId: string; key: string }>(
    `DELETE FROM "OneTimeKey" WHERE "userId" = ? AND "deviceId" = ? AND "keyId" = (${pick}) RETURNING "keyId", "key"`,
    [userId, deviceId, userId, deviceId, algorithm],
  );
  if (claimed) return claimed;
  return (
    (await tx.get<{ keyId: string; key: string }>(
      `UPDATE "FallbackKey" SET "used" = TRUE WHERE "userId" = ? AND "deviceId" = ? AND "algorithm" = ? RETURNING "keyId", "key"`,
      [userId, deviceId, algorithm],
    )) ?? null
  );
}

/**
 * Adds these users to the feed of device list changes. The feed's counter is one row (ServerSetting
 * "deviceListSeq") that each writer updates, so writers take seqs one after the other and commit in
 * that order: a reader never sees seq n+1 while n is still to come.
 */
export async function recordDeviceListChanges(tx: Driver, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  const row = await tx.get<{ value: string }>(
    `INSERT INTO "ServerSetting" ("key", "value") VALUES ('deviceListSeq', ?) ON CONFLICT ("key")
     DO UPDATE SET "value" = CAST(CAST("ServerSetting"."value" AS INTEGER) + ? AS TEXT) RETURNING "value"`,
    [String(userIds.length), userIds.length],
  );
  const last = Number(row?.value);
  await tx.run(
    `INSERT${orFail(tx.dialect)} INTO "DeviceListChange" ("seq", "userId", "createdAt")
     SELECT c."seq", c."userId", ? FROM ${jsonRows(tx.dialect, "c", [
       ["seq", "integer"],
       ["userId", "text"],
     ])}`,
    [toDbTime(tx.dialect, new Date()), json(userIds.map((userId, i) => [last - userIds.length + 1 + i, userId]))],
  );
}

/** The users whose devices changed after `from`, up to the feed's end (also returned). */
export async function deviceListChanges(db: Driver, from: number): Promise<{ userIds: string[]; next: number }> {
  const end = await db.get<{ value: string }>(`SELECT "value" FROM "ServerSetting" WHERE "key" = 'deviceListSeq'`);
  const next = Number(end?.value ?? 0);
  if (next <= from) return { userIds: [], next };
  const rows = await db.all<{ userId: string }>(`SELECT DISTINCT "userId" FROM "DeviceListChange" WHERE "seq" > ? AND "seq" <= ?`, [
    from,
    next,
  ]);
  return { userIds: rows.map((row) => row.userId), next };
}

export interface QueuedMessage {
  userId: string;
  deviceId: string;
  content: string;
}

/**
 * Queues one send's payloads, each at the end of its device's queue, once per (session, txnId): a retry
 * of a send already queued returns "duplicate" and queues nothing. Each device's counter row is locked
 * in a fixed order (PostgreSQL), so two sends to overlapping devices wait for each other instead of
 * deadlocking, and a device's seqs commit in order.
 */
export async function queueToDevice(
  tx: Driver,
  send: { sessionId: string; txnId: string; senderId: string; senderDevice: string; type: string },
  messages: QueuedMessage[],
): Promise<"queued" | "duplicate"> {
  const now = toDbTime(tx.dialect, new Date());
  const fresh = await tx.run(`INSERT INTO "ToDeviceTxn" ("sessionId", "txnId", "createdAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, [
    send.sessionId,
    send.txnId,
    now,
  ]);
  if (!fresh) return "duplicate";
  if (!messages.length) return "queued";
  const targets = json(messages.map((m) => [m.userId, m.deviceId]));
  const target = jsonRows(tx.dialect, "t", [
    ["userId", "text"],
    ["deviceId", "text"],
  ]);
  if (tx.dialect === "postgresql")
    await tx.all(
      `SELECT d."userId" FROM "CryptoDevice" d INNER JOIN ${target} ON d."userId" = t."userId" AND d."deviceId" = t."deviceId"
       ORDER BY d."userId", d."deviceId" FOR UPDATE OF d`,
      [targets],
    );
  const seqs = await tx.all<{ userId: string; deviceId: string; toDeviceSeq: number }>(
    `UPDATE "CryptoDevice" SET "toDeviceSeq" = "toDeviceSeq" + 1 FROM ${target}
     WHERE "CryptoDevice"."userId" = t."userId" AND "CryptoDevice"."deviceId" = t."deviceId"
     RETURNING "CryptoDevice"."userId", "CryptoDevice"."deviceId", "CryptoDevice"."toDeviceSeq"`,
    [targets],
  );
  const seqOf = new Map(seqs.map((row) => [`${row.userId} ${row.deviceId}`, Number(row.toDeviceSeq)]));
  const rows = messages.flatMap((m) => {
    const seq = seqOf.get(`${m.userId} ${m.deviceId}`);
    return seq === undefined ? [] : [[m.userId, m.deviceId, seq, m.content]];
  });
  await tx.run(
    `INSERT${orFail(tx.dialect)} INTO "ToDeviceMessage" ("userId", "deviceId", "seq", "senderId", "senderDevice", "type", "content", "createdAt")
     SELECT m."userId", m."deviceId", m."seq", ?, ?, ?, m."content", ? FROM ${jsonRows(tx.dialect, "m", [
       ["userId", "text"],
       ["deviceId", "text"],
       ["seq", "integer"],
       ["content", "text"],
     ])}`,
    [send.senderId, send.senderDevice, send.type, now, json(rows)],
  );
  return "queued";
}

export interface InboxRow {
  seq: number;
  senderId: string;
  type: string;
  content: string;
}

/** Deletes what the device received (seq <= since). */
export const dropReceived = (tx: Driver, userId: string, deviceId: string, since: number) =>
  tx.run(`DELETE FROM "ToDeviceMessage" WHERE "userId" = ? AND "deviceId" = ? AND "seq" <= ?`, [userId, deviceId, since]);

/** The device's queued payloads after `since`, oldest first. */
export const inboxAfter = (db: Driver, userId: string, deviceId: string, since: number, limit: number) =>
  db.all<InboxRow>(
    `SELECT "seq", "senderId", "type", "content" FROM "ToDeviceMessage" WHERE "userId" = ? AND "deviceId" = ? AND "seq" > ? ORDER BY "seq" LIMIT ?`,
    [userId, deviceId, since, limit],
  );
