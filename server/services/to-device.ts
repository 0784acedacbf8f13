// The to-device queue: payloads one device sends to others (room keys, key requests and forwards, each
// Olm-encrypted for its recipient by the sender's library). Like messages, a send is durable before it is
// answered and idempotent by its transaction id; each device's queue keeps its own order and keeps every
// payload until the device asks for what follows it, so nothing is lost to a closed tab, a restart or a
// crashed node, and nothing arrives twice at a device that keeps its cursor.
import { cryptoUserId, INBOX_PAGE_MAX, type Inbox, type ToDeviceSend } from "../../lib/contracts/e2ee";
import type { ActiveSession } from "../auth/sessions";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { devicesOf, dropReceived, hasDevice, inboxAfter, keyStock, type QueuedMessage, queueToDevice } from "../store/keys-sql";
import { deviceIdOf, reachable } from "./device-keys";

/** The most bytes of one payload (an Olm-encrypted room key is about 1 KB; a key forward with history more). */
export const TO_DEVICE_PAYLOAD_MAX = 16 * 1024;

async function ownDevice(app: AppContext, caller: ActiveSession): Promise<string> {
  const deviceId = deviceIdOf(caller.sessionId);
  if (!(await hasDevice(app.store.reader, caller.userId, deviceId)))
    throw new AppError("conflict", { key: "errors.devices.keysFirst" }, { field: "device_keys" });
  return deviceId;
}

/**
 * Queues a send's payloads for their devices (`*`: every device of the user). Devices of users the
 * caller shares no conversation with, and devices that don't exist (signed out since), get nothing.
 */
export async function sendToDevice(app: AppContext, caller: ActiveSession, txnId: string, send: ToDeviceSend): Promise<void> {
  const senderDevice = await ownDevice(app, caller);
  const allowed = await reachable(app, caller, Object.keys(send.messages));
  const messages: QueuedMessage[] = [];
  const sessionIds: string[] = [];
  for (const device of await devicesOf(app.store.reader, [...allowed.keys()])) {
    const payloads = send.messages[allowed.get(device.userId) as string];
    const content = payloads[device.deviceId] ?? payloads["*"];
    if (!content || (device.userId === caller.userId && device.deviceId === senderDevice)) continue;
    const text = JSON.stringify(content);
    if (text.length > TO_DEVICE_PAYLOAD_MAX)
      throw new AppError(
        "payload_too_large",
        { key: "errors.devices.payloadTooLarge", values: { kib: TO_DEVICE_PAYLOAD_MAX / 1024 } },
        {
          field: "messages",
        },
      );
    messages.push({ userId: device.userId, deviceId: device.deviceId, content: text });
    sessionIds.push(device.sessionId);
  }
  // A peer could otherwise fill others' inboxes: every payload counts against the sender's hourly budget.
  if (messages.length) await app.limits.toDevice.take(caller.userId, messages.length);
  const outcome = await app.store.transact((tx) =>
    queueToDevice(tx, { sessionId: caller.sessionId, txnId, senderId: caller.userId, senderDevice, type: send.type }, messages),
  );
  if (outcome === "queued" && messages.length) app.publisher.toDeviceQueued(sessionIds);
}

/**
 * The caller's device's queue after `since`, with its key stock (so its library tops up one-time keys
 * and replaces a used fallback key). Asking from `since` deletes everything up to it: it was received.
 */
export async function readInbox(app: AppContext, caller: ActiveSession, since: number): Promise<Inbox> {
  const deviceId = await ownDevice(app, caller);
  const { userId } = caller;
  if (since > 0) await app.store.transact((tx) => dropReceived(tx, userId, deviceId, since));
  const [rows, stock] = await Promise.all([
    inboxAfter(app.store.reader, userId, deviceId, since, INBOX_PAGE_MAX),
    keyStock(app.store.reader, userId, deviceId),
  ]);
  return {
    events: rows.map((row) => ({ sender: cryptoUserId(row.senderId), type: row.type, content: JSON.parse(row.content) })),
    next: rows.length ? Number(rows[rows.length - 1].seq) : since,
    device_one_time_keys_count: stock.counts,
    device_unused_fallback_key_types: stock.unusedFallbacks,
  };
}
