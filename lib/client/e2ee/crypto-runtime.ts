// The browser's end-to-end encryption runtime: loads the crypto library's WebAssembly (7.8 MB, so only after
// the first paint, and precached by the service worker), and opens this session's device, its keys kept in
// IndexedDB by the library, encrypted at rest with a passphrase. The passphrase itself is kept wrapped by a
// non-extractable AES-GCM key (WebCrypto), so what sits in IndexedDB can't be read without this browser's
// key store. One tab at a time runs the device (a Web Lock): two machines on one store would corrupt it.
import { type DBSchema, openDB } from "idb";
import { api } from "@/lib/api-client";
import { CryptoClient, type CryptoTransport, type CursorStore } from "@/lib/crypto/crypto-client";
import type { ContactKeyStore, ContactKeys } from "./verification";

interface SecretsDb extends DBSchema {
  /**
   * "passphrase": the wrapped passphrase of the crypto store; "inbox" and "keyChanges": the device's cursors;
   * "contact:<user id>": what the device remembers of a person's devices and verification (public keys and
   * safety numbers only, so not wrapped).
   */
  values: { key: string; value: unknown };
}

/** This session's device: its crypto client, and its memory of people's devices (verification.ts). */
export interface CryptoDevice {
  client: CryptoClient;
  contacts: ContactKeyStore;
}

const CONTACT = "contact:";

interface WrappedPassphrase {
  key: CryptoKey;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const secretsDbName = (deviceId: string) => `chatterbox-device-${deviceId}`;
export const cryptoStoreName = (deviceId: string) => `chatterbox-crypto-${deviceId}`;

const transport: CryptoTransport = (method, path, body) => api(path, { method, ...(body === undefined ? {} : { json: body }) });

/** The device's passphrase, made on first use (32 random bytes) and kept wrapped; and its cursors. */
async function deviceSecrets(deviceId: string): Promise<{ passphrase: string; cursors: CursorStore; contacts: ContactKeyStore }> {
  const db = await openDB<SecretsDb>(secretsDbName(deviceId), 1, {
    upgrade: (database) => void database.createObjectStore("values"),
  });
  let wrapped = (await db.get("values", "passphrase")) as WrappedPassphrase | undefined;
  if (!wrapped) {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const secret = crypto.getRandomValues(new Uint8Array(32));
    wrapped = { key, iv, data: await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, secret) };
    await db.put("values", wrapped, "passphrase");
  }
  const secret = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: wrapped.iv }, wrapped.key, wrapped.data));
  const passphrase = btoa(String.fromCharCode(...secret));
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
  return { passphrase, cursors, contacts };
}

/** Another tab of this session runs the device; this one tries again later (when that tab may be closed). */
class DeviceBusy extends Error {}

/**
 * Loads the library and opens this session's device, if no other tab of the same session is running it
 * (else DeviceBusy: the engine tries again on next use). The tab keeps the device's lock for its life.
 */
export async function loadCrypto(): Promise<CryptoDevice> {
  const [wasm, { deviceId }] = await Promise.all([
    import("@matrix-org/matrix-sdk-crypto-wasm"),
    api<{ userId: string; deviceId: string }>("/api/v1/keys/device"),
  ]);
  await wasm.initAsync();
  const held = await new Promise<boolean>((answer) => {
    void navigator.locks.request(`chatterbox-crypto-${deviceId}`, { ifAvailable: true }, (lock) => {
      answer(lock !== null);
      return lock ? new Promise(() => {}) : undefined;
    });
  });
  if (!held) throw new DeviceBusy("This account's encryption runs in another tab of this browser");
  const { passphrase, cursors, contacts } = await deviceSecrets(deviceId);
  const client = await CryptoClient.start(wasm, transport, { storeName: cryptoStoreName(deviceId), passphrase, cursors });
  return { client, contacts };
}

/**
 * Deletes this session's device from the browser (signing out: the server deletes it too): the crypto
 * store's databases and the wrapped passphrase. Call while still signed in (it asks which device it is).
 */
export async function forgetDevice(): Promise<void> {
  const { deviceId } = await api<{ deviceId: string }>("/api/v1/keys/device");
  const names = (await indexedDB.databases())
    .map((db) => db.name ?? "")
    .filter((name) => name === secretsDbName(deviceId) || name.startsWith(cryptoStoreName(deviceId)));
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
