// One device's end-to-end encryption, over the key server and to-device queue (docs/api.md, "End-to-end
// encryption"). The cryptography is the audited vodozemac inside @matrix-org/matrix-sdk-crypto-wasm's
// OlmMachine: Olm sessions between devices, a Megolm session per conversation whose room key goes to every
// member device over Olm. This module only carries the machine's requests to the server and the server's
// answers back. It runs the same in the browser (the wasm's web entry point, loaded lazily) and in Node
// (bots, tests: the node entry point): the caller passes the loaded module and a transport.
import { cryptoRoomId, cryptoUserId, type EncryptedContent, type Inbox, userIdOfCrypto } from "../contracts/e2ee";
import type { SealedFileKey } from "../contracts/sealed";
import { DecryptFailure } from "./failures";
import { decryptFile, encryptFile } from "./file-cipher";
import { HistoryShare } from "./history-share";
import { KeyBackupClient } from "./key-backup-client";

export type CryptoWasm = typeof import("@matrix-org/matrix-sdk-crypto-wasm");
type OlmMachine = import("@matrix-org/matrix-sdk-crypto-wasm").OlmMachine;

/** Calls the server's REST API: the parsed JSON answer, or for a non-2xx answer a thrown error with its `status`. */
export type CryptoTransport = (method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown) => Promise<unknown>;

/** Where the device keeps its cursors (the inbox's, the device list feed's, when it asked for the history), beside the crypto store. */
export interface CursorStore {
  get(name: "inbox" | "keyChanges" | "historyAsked"): Promise<number | null>;
  set(name: "inbox" | "keyChanges" | "historyAsked", value: number): Promise<void>;
}

export interface CryptoClientOptions {
  /** The crypto store's name (IndexedDB in the browser); none keeps keys in memory only (tests, throwaway bots). */
  storeName?: string;
  /** The passphrase the store is encrypted at rest with. */
  passphrase?: string;
  cursors: CursorStore;
}

/** A Megolm session is replaced after this many messages or this long, whichever comes first (as the issue asks, like Signal's sender keys). */
export const ROTATION_MESSAGES = 100n;
export const ROTATION_MICROSECONDS = 7n * 24n * 3600n * 1_000_000n;

/** What a decrypted event says, and who (which device) sent it. */
export interface Decrypted {
  type: string;
  content: Record<string, unknown>;
  senderCurve25519Key: string;
  senderDevice: string | undefined;
}

/** A message as the server stores it when encrypted: the fields the library needs to decrypt it. */
export interface EncryptedEvent {
  /** The server's id of the message (the library keys replay detection on it). */
  eventId: string;
  senderId: string;
  sentAt: number;
  content: Record<string, unknown>;
}

export { DEVICE_BUSY, DecryptFailure } from "./failures";

export class CryptoClient {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly keyListeners = new Set<(sessionIds: string[]) => void>();
  /** The user's key backup, as this device takes part in it. */
  readonly backup: KeyBackupClient;
  /** History shared between the user's own devices. */
  readonly history: HistoryShare;
  private readonly deviceListeners = new Set<(userIds: string[]) => void>();

  private constructor(
    private readonly wasm: CryptoWasm,
    readonly machine: OlmMachine,
    private readonly call: CryptoTransport,
    private readonly cursors: CursorStore,
  ) {
    this.backup = new KeyBackupClient(wasm, machine, call, (task) => this.serial(task));
    this.history = new HistoryShare({
      wasm,
      machine,
      call,
      serial: (task) => this.serial(task),
      sessionsWith: (users) => this.sessionsWith(users),
    });
  }

  /** Opens (or creates) this session's device and publishes its keys. */
  static async start(wasm: CryptoWasm, call: CryptoTransport, options: CryptoClientOptions): Promise<CryptoClient> {
    const ids = (await call("GET", "/api/v1/keys/device")) as { userId: string; deviceId: string };
    const machine = await wasm.OlmMachine.initialize(
      new wasm.UserId(ids.userId),
      new wasm.DeviceId(ids.deviceId),
      options.storeName,
      options.passphrase,
    );
    const client = new CryptoClient(wasm, machine, call, options.cursors);
    machine.registerRoomKeyUpdatedCallback(async (keys) => {
      const sessionIds = keys.map((key) => key.sessionId);
      for (const listener of client.keyListeners) listener(sessionIds);
    });
    machine.registerDevicesUpdatedCallback(async (cryptoIds) => {
      const userIds = cryptoIds.map(userIdOfCrypto).filter((id): id is string => id !== null);
      for (const listener of client.deviceListeners) listener(userIds);
    });
    try {
      await client.sync();
      await client.backup.resume();
    } catch (error) {
      // A machine left open would share its store with the next attempt's.
      machine.close();
      throw error;
    }
    return client;
  }

  /** Runs `task` after every task before it: the machine's requests must not be sent twice at once. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * Sends what the machine wants sent (key uploads and queries, claims, to-device payloads), until it wants
   * nothing more of those (requests of kinds not used yet, such as cross-signing, stay with the machine).
   */
  private async flush(): Promise<void> {
    for (;;) {
      const requests = await this.machine.outgoingRequests();
      let sent = false;
      for (const request of requests) {
        const response = await this.send(request);
        if (response === undefined || !request.id) continue;
        await this.machine.markRequestAsSent(request.id, request.type, JSON.stringify(response));
        sent = true;
      }
      if (!sent) return;
    }
  }

  private async send(request: Awaited<ReturnType<OlmMachine["outgoingRequests"]>>[number]): Promise<unknown> {
    const { RequestType, ToDeviceRequest } = this.wasm;
    const body = JSON.parse(request.body);
    switch (request.type) {
      case RequestType.KeysUpload:
        return this.call("POST", "/api/v1/keys/upload", body);
      case RequestType.KeysQuery:
        return this.call("POST", "/api/v1/keys/query", body);
      case RequestType.KeysClaim:
        return this.call("POST", "/api/v1/keys/claim", body);
      case RequestType.ToDevice: {
        const toDevice = request as InstanceType<typeof ToDeviceRequest>;
        return this.call("PUT", `/api/v1/to-device/${encodeURIComponent(toDevice.txn_id)}`, {
          type: toDevice.event_type,
          messages: body.messages,
        });
      }
      default:
        // Cross-signing and signature uploads are not used; backups go through this.backup.
        return undefined;
    }
  }

  /**
   * Takes in what waits for this device: device list changes since the last cursor and the to-device
   * inbox (room keys from others), then sends what that made the machine want to send. A cursor moves
   * only after the machine has stored what came before it, so a crash in between means a repeat (which
   * the library ignores), never a loss.
   */
  sync(): Promise<void> {
    return this.serial(async () => {
      const { DeviceLists, UserId } = this.wasm;
      // The change feed is read before the machine's own queries go out: a device list that changes after
      // a query answered (a second device of mine publishing its keys meanwhile) is then in the next sync's
      // changes, not lost between the query and the feed's cursor.
      const from = await this.cursors.get("keyChanges");
      const changes = (await this.call("GET", `/api/v1/keys/changes${from === null ? "" : `?from=${from}`}`)) as {
        changed: string[];
        next: number;
      };
      // A new device's keys go up next: the server keeps an inbox only for a device it knows.
      await this.flush();
      let since = (await this.cursors.get("inbox")) ?? 0;
      let changed = changes.changed;
      for (;;) {
        const inbox = (await this.call("GET", `/api/v1/to-device?since=${since}`)) as Inbox;
        const processed = await this.machine.receiveSyncChanges(
          JSON.stringify(inbox.events),
          new DeviceLists(changed.map((id) => new UserId(id))),
          new Map(Object.entries(inbox.device_one_time_keys_count)),
          new Set(inbox.device_unused_fallback_key_types),
        );
        await this.history.receive(processed);
        changed = [];
        if (inbox.next === since) break;
        since = inbox.next;
        await this.cursors.set("inbox", since);
      }
      await this.cursors.set("keyChanges", changes.next);
      await this.flush();
      this.backup.soon();
    });
  }

  /**
   * Encrypts one event for a conversation's members: first makes sure every member device has this
   * device's current room key (fetching devices, opening Olm sessions and sending the key as needed; the
   * library starts a new room key when a device or member is gone, after 100 messages or a week).
   * Returns the encrypted content to store in place of the message.
   */
  encrypt(conversationId: string, memberIds: string[], type: string, content: object): Promise<EncryptedContent> {
    return this.serial(async () => {
      const { UserId, RoomId, EncryptionSettings, HistoryVisibility } = this.wasm;
      const cryptoIds = memberIds.map(cryptoUserId);
      const users = cryptoIds.map((id) => new UserId(id));
      const roomId = () => new RoomId(cryptoRoomId(conversationId));
      await this.sessionsWith(cryptoIds);
      const settings = new EncryptionSettings();
      settings.historyVisibility = HistoryVisibility.Joined;
      settings.rotationPeriodMessages = ROTATION_MESSAGES;
      settings.rotationPeriod = ROTATION_MICROSECONDS;
      for (const request of await this.machine.shareRoomKey(roomId(), users, settings))
        await this.machine.markRequestAsSent(request.id, request.type, JSON.stringify(await this.send(request)));
      const encrypted = JSON.parse(await this.machine.encryptRoomEvent(roomId(), type, JSON.stringify(content)));
      // A new room key (the first message, or one after a rotation) goes to the backup too.
      this.backup.soon();
      return encrypted;
    });
  }

  /** Fetches these users' devices as needed and opens an Olm session with each that has none yet (claiming one-time keys). */
  private async sessionsWith(cryptoIds: string[]): Promise<void> {
    const { UserId, RequestType } = this.wasm;
    await this.machine.updateTrackedUsers(cryptoIds.map((id) => new UserId(id)));
    await this.flush();
    const claim = await this.machine.getMissingSessions(cryptoIds.map((id) => new UserId(id)));
    if (claim) await this.machine.markRequestAsSent(claim.id, RequestType.KeysClaim, JSON.stringify(await this.send(claim)));
  }

  /** Calls `listener` with the Megolm session ids of room keys as they arrive (messages waiting for them can be decrypted now). */
  onRoomKeys(listener: (sessionIds: string[]) => void): () => void {
    this.keyListeners.add(listener);
    return () => void this.keyListeners.delete(listener);
  }

  /** Calls `listener` with the (app) ids of users whose devices the machine has just learnt anew (one added, one gone). */
  onDevicesChanged(listener: (userIds: string[]) => void): () => void {
    this.deviceListeners.add(listener);
    return () => void this.deviceListeners.delete(listener);
  }

  /**
   * Each user's device identity keys (ed25519, unpadded base64, sorted), from the machine's device lists,
   * which it keeps current through the key change feed; users not tracked before are fetched first.
   * Devices the server no longer lists count as gone. What safety numbers are made of.
   */
  deviceKeys(userIds: string[]): Promise<Record<string, string[]>> {
    return this.serial(async () => {
      const { UserId } = this.wasm;
      await this.machine.updateTrackedUsers(userIds.map((id) => new UserId(cryptoUserId(id))));
      await this.flush();
      const keys: Record<string, string[]> = {};
      for (const id of userIds) {
        const devices = (await this.machine.getUserDevices(new UserId(cryptoUserId(id)))).devices();
        keys[id] = devices
          .filter((device) => !device.isDeleted())
          .map((device) => device.ed25519Key?.toBase64())
          .filter((key): key is string => key !== undefined)
          .sort();
      }
      return keys;
    });
  }

  /** Whether every one of these users has at least one device with keys (fetching device lists as needed). */
  membersReady(memberIds: string[]): Promise<boolean> {
    return this.serial(async () => {
      const { UserId } = this.wasm;
      await this.machine.updateTrackedUsers(memberIds.map((id) => new UserId(cryptoUserId(id))));
      await this.flush();
      for (const id of memberIds) {
        const devices = await this.machine.getUserDevices(new UserId(cryptoUserId(id)));
        if (devices.devices().length === 0) return false;
      }
      return true;
    });
  }

  /** Decrypts one stored event; throws a DecryptFailure when it can't (no key yet; tampered, replayed or forged). */
  async decrypt(conversationId: string, event: EncryptedEvent): Promise<Decrypted> {
    try {
      return await this.open(conversationId, event);
    } catch (error) {
      const code = (error as { code?: number }).code;
      const { DecryptionErrorCode } = this.wasm;
      const waiting = code === DecryptionErrorCode.MissingRoomKey || code === DecryptionErrorCode.UnknownMessageIndex;
      throw new DecryptFailure(waiting, (error as { description?: string }).description ?? String(error));
    }
  }

  private async open(conversationId: string, event: EncryptedEvent): Promise<Decrypted> {
    const { RoomId, DecryptionSettings, TrustRequirement } = this.wasm;
    const raw = {
      type: "m.room.encrypted",
      event_id: `$${event.eventId}`,
      sender: cryptoUserId(event.senderId),
      origin_server_ts: event.sentAt,
      room_id: cryptoRoomId(conversationId),
      content: event.content,
    };
    const decrypted = await this.machine.decryptRoomEvent(
      JSON.stringify(raw),
      new RoomId(cryptoRoomId(conversationId)),
      new DecryptionSettings(TrustRequirement.Untrusted),
    );
    const clear = JSON.parse(decrypted.event) as { type: string; content: Record<string, unknown> };
    return {
      type: clear.type,
      content: clear.content,
      senderCurve25519Key: decrypted.senderCurve25519Key,
      senderDevice: decrypted.senderDevice?.toString(),
    };
  }

  /** Encrypts a file for an end-to-end encrypted message (file-cipher.ts): its ciphertext, and the key inside the message. */
  encryptFile(file: Blob): Promise<{ ciphertext: Blob; key: SealedFileKey }> {
    return encryptFile(this.wasm, file);
  }

  /** Checks and decrypts an encrypted file's ciphertext (FileTampered when it doesn't match its key). */
  decryptFile(ciphertext: Blob, key: SealedFileKey, type: string): Promise<Blob> {
    return decryptFile(this.wasm, ciphertext, key, type);
  }

  close(): void {
    this.machine.close();
  }
}
