// One device's part in the user's key backup (docs/api.md, "Key backup"): it encrypts the room keys it
// holds to the backup's public key and uploads them, and it restores a backup's keys on a new device.
// The cryptography is the library's (m.megolm_backup.v1: the keys are encrypted to a Curve25519 public
// key); this module carries its requests and keeps the private key only in the device's crypto store.
// A device adds to a backup only with a public key it derived itself from the private key, so a server
// that swapped the public key in the backup's description would learn nothing.
import type { RoomId } from "@matrix-org/matrix-sdk-crypto-wasm";
import {
  BACKUP_ALGORITHM,
  BACKUP_PASSPHRASE_ITERATIONS,
  type BackupAuthData,
  type BackupInfo,
  type BackupKeysPage,
  conversationIdOfRoom,
} from "../contracts/key-backup";
import { text } from "../i18n/text";
import type { CryptoTransport, CryptoWasm } from "./crypto-client";
import { decodeRecoveryKey, encodeRecoveryKey, keyFromPassphrase, newSalt } from "./recovery-key";

type OlmMachine = import("@matrix-org/matrix-sdk-crypto-wasm").OlmMachine;
type BackupDecryptionKey = import("@matrix-org/matrix-sdk-crypto-wasm").BackupDecryptionKey;

/** The HTTP status of a transport's failure, when it has one. */
const statusOf = (error: unknown): unknown => (error as { status?: unknown } | null)?.status;

/** What this device knows of the user's key backup. */
export type BackupStatus =
  | { state: "none" }
  /** There is a backup, but this device doesn't hold its key (restore it with the recovery key or passphrase). */
  | { state: "locked"; version: string; count: number; passphrase: boolean }
  /** This device holds the key and adds what it receives. */
  | { state: "on"; version: string; count: number; passphrase: boolean };

/** The recovery key or passphrase didn't open the backup: the message is for the user. */
export class BackupKeyMismatch extends Error {}

export type BackupSecret = { recoveryKey: string } | { passphrase: string };

/** What the user typed to unlock a backup: a recovery key when it reads as one, else (for a passphrase backup) a passphrase. */
export function secretOf(typed: string, passphraseBackup: boolean): BackupSecret {
  try {
    decodeRecoveryKey(typed);
    return { recoveryKey: typed };
  } catch (error) {
    if (passphraseBackup) return { passphrase: typed };
    throw error;
  }
}

export class KeyBackupClient {
  private pending = false;
  /** Whether this device adds to a backup now (so a sync or a message with nothing to back up costs nothing). */
  private enabled = false;

  constructor(
    private readonly wasm: CryptoWasm,
    private readonly machine: OlmMachine,
    private readonly call: CryptoTransport,
    /** Runs a task after the device's other requests (CryptoClient's queue). */
    private readonly serial: <T>(task: () => Promise<T>) => Promise<T>,
  ) {}

  private async info(): Promise<BackupInfo | null> {
    try {
      return (await this.call("GET", "/api/v1/room-keys/version")) as BackupInfo;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** The backup as this device sees it: none, there but locked, or on. */
  async status(): Promise<BackupStatus> {
    const info = await this.info();
    if (!info) return { state: "none" };
    const saved = await this.machine.getBackupKeys();
    const mine =
      saved.backupVersion === info.version && saved.decryptionKey?.megolmV1PublicKey.publicKeyBase64 === info.auth_data.public_key;
    const passphrase = info.auth_data.private_key_salt !== undefined;
    return { state: mine ? "on" : "locked", version: info.version, count: info.count, passphrase };
  }

  /** At start: a device that holds a backup's key goes on adding to it (the server says if it was replaced). */
  async resume(): Promise<void> {
    const saved = await this.machine.getBackupKeys();
    if (!saved.decryptionKey || !saved.backupVersion) return;
    await this.machine.enableBackupV1(saved.decryptionKey.megolmV1PublicKey.publicKeyBase64, saved.backupVersion);
    this.enabled = true;
    this.soon();
  }

  /**
   * Makes a new backup (replacing any other) and uploads every key this device holds. With a passphrase,
   * the key is derived from it; without, the key is random and its recovery key is returned, to be shown
   * to the user once.
   */
  create(passphrase?: string): Promise<{ recoveryKey: string | null; version: string }> {
    return this.serial(async () => {
      const { BackupDecryptionKey } = this.wasm;
      let key: BackupDecryptionKey;
      const authData: Partial<BackupAuthData> = {};
      if (passphrase === undefined) key = BackupDecryptionKey.createRandomKey();
      else {
        authData.private_key_salt = newSalt();
        authData.private_key_iterations = BACKUP_PASSPHRASE_ITERATIONS;
        key = BackupDecryptionKey.fromBase64(await keyFromPassphrase(passphrase, authData.private_key_salt, BACKUP_PASSPHRASE_ITERATIONS));
      }
      const { version } = (await this.call("POST", "/api/v1/room-keys/version", {
        algorithm: BACKUP_ALGORITHM,
        auth_data: { public_key: key.megolmV1PublicKey.publicKeyBase64, ...authData },
      })) as { version: string };
      const recoveryKey = passphrase === undefined ? encodeRecoveryKey(key.toBase64()) : null;
      await this.disable();
      await this.activate(key, version);
      await this.upload();
      return { recoveryKey, version };
    });
  }

  /**
   * Restores the backup's keys with the recovery key or passphrase (BackupKeyMismatch when it isn't this
   * backup's), then keeps adding to it. Messages waiting for those keys are decrypted as they arrive
   * (the machine reports imported keys like received ones). Returns how many keys were restored.
   */
  restore(secret: BackupSecret): Promise<{ restored: number; total: number }> {
    return this.serial(async () => {
      const { RoomId } = this.wasm;
      const info = await this.info();
      if (!info) throw new BackupKeyMismatch(text("clientErrors.backup.none"));
      const key = await this.keyOf(info, secret);
      if (key.megolmV1PublicKey.publicKeyBase64 !== info.auth_data.public_key)
        throw new BackupKeyMismatch(text("recoveryKey" in secret ? "clientErrors.backup.wrongKey" : "clientErrors.backup.wrongPassphrase"));
      const rooms = new Map<string, Map<string, unknown>>();
      let total = 0;
      let after: string | undefined;
      do {
        const query = new URLSearchParams({ version: info.version, ...(after ? { after } : {}) });
        const page = (await this.call("GET", `/api/v1/room-keys/keys?${query}`)) as BackupKeysPage;
        for (const [roomId, room] of Object.entries(page.rooms)) {
          if (!conversationIdOfRoom(roomId)) continue;
          const sessions = rooms.get(roomId) ?? new Map<string, unknown>();
          rooms.set(roomId, sessions);
          for (const [sessionId, { session_data: data }] of Object.entries(room.sessions)) {
            total++;
            try {
              sessions.set(sessionId, JSON.parse(key.decryptV1(data.ephemeral, data.mac, data.ciphertext)));
            } catch {
              // A key someone else encrypted (or tampered with) is skipped; the rest still restore.
            }
          }
        }
        after = page.next;
      } while (after);
      const byRoom = new Map<RoomId, Map<string, unknown>>([...rooms].map(([roomId, sessions]) => [new RoomId(roomId), sessions]));
      const result = await this.machine.importBackedUpRoomKeys(byRoom, () => undefined, info.version);
      await this.activate(key, info.version);
      await this.upload();
      return { restored: result.importedCount, total };
    });
  }

  /** Deletes the backup (its keys leave the server); this device stops adding to it. */
  remove(): Promise<void> {
    return this.serial(async () => {
      await this.call("DELETE", "/api/v1/room-keys/version");
      await this.disable();
    });
  }

  private async keyOf(info: BackupInfo, secret: BackupSecret): Promise<BackupDecryptionKey> {
    const { BackupDecryptionKey } = this.wasm;
    if ("recoveryKey" in secret) return BackupDecryptionKey.fromBase64(decodeRecoveryKey(secret.recoveryKey));
    const { private_key_salt: salt, private_key_iterations: iterations } = info.auth_data;
    if (!salt || !iterations) throw new BackupKeyMismatch(text("clientErrors.backup.needsKey"));
    return BackupDecryptionKey.fromBase64(await keyFromPassphrase(secret.passphrase, salt, iterations));
  }

  /** Keeps the key in the crypto store and backs up to it (the key object is handed to the library: don't use it after). */
  private async activate(key: BackupDecryptionKey, version: string): Promise<void> {
    const publicKey = key.megolmV1PublicKey.publicKeyBase64;
    await this.machine.saveBackupDecryptionKey(key, version);
    await this.machine.enableBackupV1(publicKey, version);
    this.enabled = true;
  }

  private async disable(): Promise<void> {
    this.enabled = false;
    await this.machine.disableBackup();
  }

  /** Uploads what the machine hasn't backed up yet, soon and once (new room keys came or were made). */
  soon(): void {
    if (this.pending || !this.enabled) return;
    this.pending = true;
    void this.serial(async () => {
      this.pending = false;
      await this.upload();
    }).catch(() => {
      // Offline or the server is away: the keys stay marked as not backed up, and go with the next upload.
    });
  }

  /** Sends the machine's backup requests until it has none. A backup replaced elsewhere stops this device adding to it. */
  private async upload(): Promise<void> {
    const { RequestType } = this.wasm;
    for (;;) {
      const request = await this.machine.backupRoomKeys();
      if (!request) return;
      let response: unknown;
      try {
        response = await this.call(
          "PUT",
          `/api/v1/room-keys/keys?version=${encodeURIComponent(request.version)}`,
          JSON.parse(request.body),
        );
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || status === 409) return this.disable();
        throw error;
      }
      await this.machine.markRequestAsSent(request.id, RequestType.KeysBackup, JSON.stringify(response));
    }
  }
}
