// Sharing the history between a user's own devices: a new device asks the user's other devices for the
// room keys of what came before it; on one of them the user agrees (the server can add a device to an
// account, so nothing is shared without the user saying so on a device they hold), and that device sends
// its keys to the new one. Both messages travel Olm-encrypted from device to device (the library's
// encryptToDeviceEvent), the keys in pieces that fit the to-device payload limit; the new device takes
// keys only from a device of its own user, and imports them with the library (as the history's senders
// didn't share them, they count as forwarded, like keys from a backup).
import { z } from "zod";
import type { CryptoTransport, CryptoWasm } from "./crypto-client";

type OlmMachine = import("@matrix-org/matrix-sdk-crypto-wasm").OlmMachine;
type ProcessedToDeviceEvent = Awaited<ReturnType<OlmMachine["receiveSyncChanges"]>>[number];

/** The to-device event types, inside Olm: a new device's request, and a piece of the keys that answer it. */
export const HISTORY_REQUEST = "chatterbox.history_request";
export const HISTORY_KEYS = "chatterbox.history_keys";
/** Bytes of exported keys per to-device payload (Olm and base64 make it about 1.4 times bigger, under the 16 KiB limit). */
const PIECE_BYTES = 8 * 1024;

const historyKeysSchema = z.object({
  keys: z.array(z.looseObject({ room_id: z.string(), session_id: z.string(), session_key: z.string() })).max(1000),
  part: z.number().int().min(1),
  parts: z.number().int().min(1),
});

export interface HistoryShareDeps {
  wasm: CryptoWasm;
  machine: OlmMachine;
  call: CryptoTransport;
  /** Runs a task after the device's other requests (the machine's requests must not be sent twice at once). */
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  /** Makes sure this device has Olm sessions with every device of these (crypto) users. */
  sessionsWith: (cryptoUserIds: string[]) => Promise<void>;
}

export class HistoryShare {
  private readonly requestListeners = new Set<(deviceId: string) => void>();
  /** Own devices that asked and got no answer yet: a listener that comes later (a screen opened then) hears of them too. */
  private readonly asking = new Set<string>();
  private readonly receivedListeners = new Set<(keys: number) => void>();

  constructor(private readonly d: HistoryShareDeps) {}

  private get me(): string {
    return this.d.machine.userId.toString();
  }

  /** Calls `listener` with the id of each own device that asks for the history, also those that asked before (ask the user, then share() or answered()). */
  onRequest(listener: (deviceId: string) => void): () => void {
    this.requestListeners.add(listener);
    for (const deviceId of this.asking) listener(deviceId);
    return () => void this.requestListeners.delete(listener);
  }

  /** The user answered a device's request (shared, or said it isn't theirs): it is not asked about again. */
  answered(deviceId: string): void {
    this.asking.delete(deviceId);
  }

  /** Calls `listener` with how many keys another own device's answer brought. */
  onReceived(listener: (keys: number) => void): () => void {
    this.receivedListeners.add(listener);
    return () => void this.receivedListeners.delete(listener);
  }

  /** Sends one event, Olm-encrypted, to each of these devices of the user's own (in one to-device send). */
  private async sendToOwn(deviceIds: string[], type: string, content: (deviceId: string) => object): Promise<void> {
    const { UserId, DeviceId } = this.d.wasm;
    const messages: Record<string, object> = {};
    for (const deviceId of deviceIds) {
      const device = await this.d.machine.getDevice(new UserId(this.me), new DeviceId(deviceId));
      if (!device) continue;
      messages[deviceId] = JSON.parse(await device.encryptToDeviceEvent(type, content(deviceId)));
    }
    if (!Object.keys(messages).length) return;
    await this.d.call("PUT", `/api/v1/to-device/${crypto.randomUUID()}`, { type: "m.room.encrypted", messages: { [this.me]: messages } });
  }

  /** Asks the user's other devices for the history; returns how many were asked. */
  ask(): Promise<number> {
    return this.d.serial(async () => {
      const { UserId } = this.d.wasm;
      await this.d.sessionsWith([this.me]);
      const own = this.d.machine.deviceId.toString();
      const others = (await this.d.machine.getUserDevices(new UserId(this.me))).devices().map((device) => device.deviceId.toString());
      const asked = others.filter((id) => id !== own);
      await this.sendToOwn(asked, HISTORY_REQUEST, () => ({}));
      return asked.length;
    });
  }

  /** Sends every room key this device holds to another device of the user's own (after the user agreed); returns how many. */
  share(deviceId: string): Promise<number> {
    return this.d.serial(async () => {
      await this.d.sessionsWith([this.me]);
      const keys = JSON.parse(await this.d.machine.exportRoomKeys(() => true)) as object[];
      const pieces: object[][] = [];
      let size = Number.POSITIVE_INFINITY;
      for (const key of keys) {
        const bytes = JSON.stringify(key).length;
        if (size + bytes > PIECE_BYTES) {
          pieces.push([]);
          size = 0;
        }
        pieces[pieces.length - 1].push(key);
        size += bytes;
      }
      // In order: Olm messages to one device must arrive in the order they were encrypted.
      for (const [i, piece] of pieces.entries())
        await this.sendToOwn([deviceId], HISTORY_KEYS, () => ({ keys: piece, part: i + 1, parts: pieces.length }));
      this.answered(deviceId);
      return keys.length;
    });
  }

  /** Takes in what a sync brought: requests from the user's other devices, keys they sent. Runs inside the sync. */
  async receive(events: ProcessedToDeviceEvent[]): Promise<void> {
    const { ProcessedToDeviceEventType } = this.d.wasm;
    for (const event of events) {
      if (event.type !== ProcessedToDeviceEventType.Decrypted) continue;
      const raw = JSON.parse(event.rawEvent) as { sender?: string; type?: string; content?: unknown };
      const from = (event as { encryptionInfo?: { senderDevice?: { toString(): string } } }).encryptionInfo?.senderDevice?.toString();
      // Only the user's own devices ask for or give history; the library has checked the sender's keys.
      if (raw.sender !== this.me || !from || from === this.d.machine.deviceId.toString()) continue;
      if (raw.type === HISTORY_REQUEST && !this.asking.has(from)) {
        this.asking.add(from);
        for (const listener of this.requestListeners) listener(from);
      }
      if (raw.type === HISTORY_KEYS) {
        const piece = historyKeysSchema.safeParse(raw.content);
        if (!piece.success) continue;
        const result = await this.d.machine.importExportedRoomKeys(JSON.stringify(piece.data.keys), () => undefined);
        for (const listener of this.receivedListeners) listener(result.importedCount);
      }
    }
  }
}
