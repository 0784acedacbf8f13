// The browser's end-to-end encryption runtime: loads the crypto library's WebAssembly (7.8 MB, so only after
// the first paint, and precached by the service worker), and opens this session's device, its keys kept in
// IndexedDB by the library, encrypted at rest with a passphrase. The passphrase itself is kept wrapped by a
// non-extractable AES-GCM key (WebCrypto), so what sits in IndexedDB can't be read without this browser's
// key store. One tab at a time runs the device (a Web Lock): two machines on one store would corrupt it.
import { api } from "@/lib/api-client";
import { CryptoClient, type CryptoTransport, type CursorStore } from "@/lib/crypto/crypto-client";
import { deviceDbName, devicePassphrase, openDeviceDb, type SealedValue, sealedValue } from "./device-vault";

export const cryptoStoreName = (deviceId: string) => `chatterbox-crypto-${deviceId}`;
/** The last device id the server named, for opening this device's vault without a network. */
const LAST_DEVICE_KEY = "chatterbox-device-id";

const transport: CryptoTransport = (method, path, body) => api(path, { method, ...(body === undefined ? {} : { json: body }) });

/** This session's device id (the server derives it from the session), remembered for offline use. */
async function thisDevice(): Promise<string> {
  const { deviceId } = await api<{ deviceId: string }>("/api/v1/keys/device");
  localStorage.setItem(LAST_DEVICE_KEY, deviceId);
  return deviceId;
}

/** The device's passphrase (kept wrapped, see device-vault.ts) and its cursors. */
async function deviceSecrets(deviceId: string): Promise<{ passphrase: string; cursors: CursorStore }> {
  const db = await openDeviceDb(deviceId);
  const cursors: CursorStore = {
    get: async (name) => ((await db.get("values", name)) as number | undefined) ?? null,
    set: async (name, value) => void (await db.put("values", value, name)),
  };
  return { passphrase: await devicePassphrase(db), cursors };
}

/** Where this device keeps its local search index (local-search.ts), sealed with its key; offline too, once it was online here. */
export async function searchIndexStore(): Promise<SealedValue> {
  const deviceId = await thisDevice().catch((error) => localStorage.getItem(LAST_DEVICE_KEY) ?? Promise.reject(error));
  return sealedValue(deviceId, "searchIndex");
}

/** Another tab of this session runs the device; this one tries again later (when that tab may be closed). */
class DeviceBusy extends Error {}

/**
 * Loads the library and opens this session's device, if no other tab of the same session is running it
 * (else DeviceBusy: the engine tries again on next use). The tab keeps the device's lock for its life.
 */
export async function loadCrypto(): Promise<CryptoClient> {
  const [wasm, deviceId] = await Promise.all([import("@matrix-org/matrix-sdk-crypto-wasm"), thisDevice()]);
  await wasm.initAsync();
  const held = await new Promise<boolean>((answer) => {
    void navigator.locks.request(`chatterbox-crypto-${deviceId}`, { ifAvailable: true }, (lock) => {
      answer(lock !== null);
      return lock ? new Promise(() => {}) : undefined;
    });
  });
  if (!held) throw new DeviceBusy("This account's encryption runs in another tab of this browser");
  const { passphrase, cursors } = await deviceSecrets(deviceId);
  return CryptoClient.start(wasm, transport, { storeName: cryptoStoreName(deviceId), passphrase, cursors });
}

/**
 * Deletes this session's device from the browser (signing out: the server deletes it too): the crypto
 * store's databases and the device's vault (its key, the wrapped passphrase, the sealed search index).
 * Call while still signed in (it asks which device it is).
 */
export async function forgetDevice(): Promise<void> {
  const { deviceId } = await api<{ deviceId: string }>("/api/v1/keys/device");
  localStorage.removeItem(LAST_DEVICE_KEY);
  const names = (await indexedDB.databases())
    .map((db) => db.name ?? "")
    .filter((name) => name === deviceDbName(deviceId) || name.startsWith(cryptoStoreName(deviceId)));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((done) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => done();
        }),
    ),
  );
}
