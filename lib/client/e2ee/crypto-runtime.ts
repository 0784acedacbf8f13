// The browser's end-to-end encryption runtime: loads the crypto library's WebAssembly (7.8 MB, so only after
// the first paint, and precached by the service worker), and opens this session's device, its keys kept in
// IndexedDB by the library, encrypted at rest with a passphrase. The passphrase itself is kept wrapped by a
// non-extractable AES-GCM key (WebCrypto), so what sits in IndexedDB can't be read without this browser's
// key store. One tab at a time runs the device (a Web Lock): two machines on one store would corrupt it.
import { api } from "@/lib/api-client";
import type { CryptoLoadOptions } from "@/lib/client/messaging-engine";
import type { CryptoClient, CryptoTransport, CursorStore } from "@/lib/crypto/crypto-client";
import { DEVICE_BUSY } from "@/lib/crypto/failures";
import { text } from "@/lib/i18n/text";
import {
  type DeviceCipher,
  deviceCipher,
  deviceDbName,
  devicePassphrase,
  openDeviceDb,
  type SealedValue,
  sealedValue,
} from "./device-vault";
import type { ContactKeyStore, ContactKeys } from "./verification";

/** This session's device: its crypto client, and its memory of people's devices (verification.ts). */
export interface CryptoDevice {
  client: CryptoClient;
  contacts: ContactKeyStore;
}

/** "contact:<user id>" in the vault: what the device remembers of a person's devices and verification (public keys and safety numbers only, so not sealed). */
const CONTACT = "contact:";

export const cryptoStoreName = (deviceId: string) => `chatterbox-crypto-${deviceId}`;
/** The last device id the server named, for opening this device's vault without a network. */
const LAST_DEVICE_KEY = "chatterbox-device-id";

const transport: CryptoTransport = (method, path, body) => api(path, { method, ...(body === undefined ? {} : { json: body }) });

let asked: Promise<string> | null = null;

/** This session's device id (the server derives it from the session), asked once per page and remembered for offline use. */
export function thisDevice(): Promise<string> {
  asked ??= api<{ deviceId: string }>("/api/v1/keys/device").then(({ deviceId }) => {
    localStorage.setItem(LAST_DEVICE_KEY, deviceId);
    return deviceId;
  });
  asked.catch(() => (asked = null));
  return asked;
}

/** This session's device id, or without a network the one this browser last heard of. */
const knownDevice = (): Promise<string> => thisDevice().catch((error) => localStorage.getItem(LAST_DEVICE_KEY) ?? Promise.reject(error));

/** The device's passphrase (kept wrapped, see device-vault.ts), its cursors and its memory of people's devices. */
async function deviceSecrets(deviceId: string): Promise<{ passphrase: string; cursors: CursorStore; contacts: ContactKeyStore }> {
  const db = await openDeviceDb(deviceId);
  const cursors: CursorStore = {
    get: async (name) => ((await db.get("values", name)) as number | undefined) ?? null,
    set: async (name, value) => void (await db.put("values", value, name)),
  };
  const contacts: ContactKeyStore = {
    all: async () => {
      const range = IDBKeyRange.bound(CONTACT, `${CONTACT}\uffff`);
      const store = db.transaction("values").store;
      const [keys, records] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
      return Object.fromEntries(keys.map((key, i) => [key.slice(CONTACT.length), records[i] as ContactKeys]));
    },
    put: async (userId, record) => void (await db.put("values", record, CONTACT + userId)),
  };
  return { passphrase: await devicePassphrase(db), cursors, contacts };
}

/** Where this device keeps its local search index (local-search.ts), sealed with its key; offline too, once it was online here. */
export const searchIndexStore = async (): Promise<SealedValue> => sealedValue(await knownDevice(), "searchIndex");

/** This device's cipher, for the chats kept for opening offline (outbox.ts); offline too, once it was online here. */
export const sessionCipher = async (): Promise<DeviceCipher> => deviceCipher(await knownDevice());

/** The library's WebAssembly, as the bundler emits it: the same immutable file the library fetches by default. */
const WASM_URL = new URL("../../../node_modules/@matrix-org/matrix-sdk-crypto-wasm/pkg/matrix_sdk_crypto_wasm_bg.wasm", import.meta.url);

/**
 * Downloads the library's WebAssembly before the library does. The library keeps the promise of its first
 * download for the page's life, so one cut off (the network or the server gone for a moment) would leave
 * the tab unable to encrypt, or to send at all, until a reload. This download may fail and be tried again
 * on next use; once it has every byte, the library's own fetch of the file comes from the HTTP cache.
 */
async function wasmDownloaded(): Promise<void> {
  const response = await fetch(WASM_URL);
  if (!response.ok) throw new Error(text("clientErrors.e2ee.libraryDownloadFailed", { status: response.status }));
  await response.arrayBuffer();
}

/** Another tab of this session runs the device; this one tries again later, or takes it over ("Use here"). */
export class DeviceBusy extends Error {
  override name = DEVICE_BUSY;
}

/**
 * Loads the library and opens this session's device, if no other tab of the same session is running it
 * (else DeviceBusy), or, with `takeOver`, taking it from that tab (which is told through its `onLost`
 * and closes its device at once: two machines on one store would corrupt it). The tab keeps the
 * device's lock for its life, or until another tab takes it.
 */
export async function loadCrypto({ takeOver, onLost }: CryptoLoadOptions): Promise<CryptoDevice> {
  // The client comes with the library: neither is in the page's first JavaScript.
  const [wasm, { CryptoClient }, deviceId] = await Promise.all([
    import("@matrix-org/matrix-sdk-crypto-wasm"),
    import("@/lib/crypto/crypto-client"),
    thisDevice(),
    wasmDownloaded(),
  ]);
  await wasm.initAsync(WASM_URL);
  let release = () => {};
  const held = await new Promise<boolean>((answer) => {
    navigator.locks
      .request(`chatterbox-crypto-${deviceId}`, takeOver ? { steal: true } : { ifAvailable: true }, (lock) => {
        answer(lock !== null);
        return lock ? new Promise<void>((done) => (release = done)) : undefined;
      })
      // Another tab stole the lock ("Use here" there).
      .catch(onLost);
  });
  if (!held) throw new DeviceBusy(text("clientErrors.e2ee.otherTab"));
  try {
    const { passphrase, cursors, contacts } = await deviceSecrets(deviceId);
    const client = await CryptoClient.start(wasm, transport, { storeName: cryptoStoreName(deviceId), passphrase, cursors });
    // A new device asks the user's other devices for the history once (the user answers there).
    if ((await cursors.get("historyAsked")) === null)
      void client.history.ask().then(
        () => cursors.set("historyAsked", Date.now()),
        () => {},
      );
    return { client, contacts };
  } catch (error) {
    // Not started (the network went away meanwhile): the next attempt takes the lock again, not "another tab".
    release();
    throw error;
  }
}

/**
 * Deletes this session's device from the browser (signing out: the server deletes it too): the crypto
 * store's databases and the device's vault (its key, the wrapped passphrase, the sealed search index).
 * Call while still signed in (it asks which device it is).
 */
export async function forgetDevice(): Promise<void> {
  const deviceId = await thisDevice();
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
