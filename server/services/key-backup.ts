// Key backup (lib/contracts/key-backup.ts): the server keeps one backup per user, the room keys of their
// encrypted chats as their devices encrypted them to the backup's public key. It can't open them; it
// checks that a user backs up keys only for conversations they are or were in, that a device adds to the
// current backup only (a device holding an older key learns it was replaced), and keeps the better copy
// of a key.
import { cryptoRoomId } from "../../lib/contracts/e2ee";
import {
  BACKUP_KEYS_PAGE,
  type BackupAuthData,
  type BackupCreate,
  type BackupInfo,
  type BackupKeys,
  type BackupKeysPage,
  conversationIdOfRoom,
} from "../../lib/contracts/key-backup";
import type { ActiveSession } from "../auth/sessions";
import type { AppContext, ReadContext } from "../context";
import { AppError } from "../errors";
import type { Driver } from "../store/driver";
import {
  type BackedUpKeyRow,
  backedUpKeyCount,
  backedUpKeys,
  backupOf,
  conversationsOfMember,
  deleteBackup,
  putBackedUpKeys,
  replaceBackup,
} from "../store/key-backup-sql";

const noBackup = () => new AppError("not_found", { key: "errors.keyBackup.none" });

/** Starts a new backup in place of the caller's current one (whose keys go with it). */
export async function createBackup(app: AppContext, caller: ActiveSession, body: BackupCreate): Promise<{ version: string }> {
  const version = await app.store.transact((tx) => replaceBackup(tx, caller.userId, body.algorithm, body.auth_data));
  return { version: String(version) };
}

async function infoOf(db: Driver, userId: string): Promise<BackupInfo | null> {
  const backup = await backupOf(db, userId);
  if (!backup) return null;
  return {
    algorithm: backup.algorithm,
    auth_data: JSON.parse(backup.authData) as BackupAuthData,
    version: String(backup.version),
    count: await backedUpKeyCount(db, userId),
    etag: String(backup.etag),
  };
}

/** The caller's current backup: its public key (and passphrase salt), version and how many keys it holds. */
export async function currentBackup(app: ReadContext, caller: ActiveSession): Promise<BackupInfo> {
  const info = await infoOf(app.store.reader, caller.userId);
  if (!info) throw noBackup();
  return info;
}

/** Deletes the caller's backup (turning backup off): its keys are gone from the server. */
export async function removeBackup(app: AppContext, caller: ActiveSession): Promise<void> {
  if (!(await app.store.transact((tx) => deleteBackup(tx, caller.userId)))) throw noBackup();
}

const wrongVersion = (current: number | undefined) =>
  current === undefined
    ? noBackup()
    : new AppError("conflict", { key: "errors.keyBackup.replaced", values: { version: current } }, { field: "version" });

/** Adds keys to the caller's current backup (`version` must be it), for conversations they are or were in. */
export async function addBackupKeys(app: AppContext, caller: ActiveSession, version: string, body: BackupKeys) {
  const keys: BackedUpKeyRow[] = [];
  for (const [roomId, room] of Object.entries(body.rooms)) {
    const conversationId = conversationIdOfRoom(roomId) as string;
    for (const [sessionId, key] of Object.entries(room.sessions))
      keys.push({
        conversationId,
        sessionId,
        firstMessageIndex: key.first_message_index,
        forwardedCount: key.forwarded_count,
        verified: key.is_verified,
        data: JSON.stringify(key.session_data),
      });
  }
  const conversationIds = [...new Set(keys.map((key) => key.conversationId))];
  const outcome = await app.store.transact(async (tx) => {
    const backup = await backupOf(tx, caller.userId);
    if (backup?.version !== Number(version)) return { kind: "wrong version", current: backup?.version } as const;
    const mine = await conversationsOfMember(tx, caller.userId, conversationIds);
    const foreign = conversationIds.find((id) => !mine.has(id));
    if (foreign) return { kind: "foreign", foreign } as const;
    if (keys.length) await putBackedUpKeys(tx, caller.userId, keys);
    return { kind: "added", info: (await infoOf(tx, caller.userId)) as BackupInfo } as const;
  });
  if (outcome.kind === "wrong version") throw wrongVersion(outcome.current);
  if (outcome.kind === "foreign")
    throw new AppError(
      "forbidden",
      { key: "errors.keyBackup.foreignRoom" },
      {
        field: `rooms.${cryptoRoomId(outcome.foreign)}`,
      },
    );
  return { count: outcome.info.count, etag: outcome.info.etag };
}

/** A page of the caller's backed-up keys, as the library reads them; `after` is the `next` of the page before. */
export async function readBackupKeys(
  app: ReadContext,
  caller: ActiveSession,
  version: string,
  after: string | undefined,
): Promise<BackupKeysPage> {
  const backup = await backupOf(app.store.reader, caller.userId);
  if (backup?.version !== Number(version)) throw wrongVersion(backup?.version);
  const cursor = after?.split(" ");
  const rows = await backedUpKeys(app.store.reader, caller.userId, cursor?.length === 2 ? [cursor[0], cursor[1]] : null, BACKUP_KEYS_PAGE);
  const rooms: BackupKeysPage["rooms"] = {};
  for (const row of rows) {
    const roomId = cryptoRoomId(row.conversationId);
    rooms[roomId] ??= { sessions: {} };
    rooms[roomId].sessions[row.sessionId] = {
      first_message_index: row.firstMessageIndex,
      forwarded_count: row.forwardedCount,
      is_verified: row.verified,
      session_data: JSON.parse(row.data),
    };
  }
  const last = rows.at(-1);
  return rows.length === BACKUP_KEYS_PAGE && last ? { rooms, next: `${last.conversationId} ${last.sessionId}` } : { rooms };
}
