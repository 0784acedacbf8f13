// This device's vault in IndexedDB (`chatterbox-device-<deviceId>`): one non-extractable AES-GCM key
// (WebCrypto), made on first use, and values sealed with it. The key can encrypt and decrypt in this
// browser but can't be read out, so the database's files alone open nothing. It wraps the crypto store's
// passphrase (crypto-runtime.ts), seals the local search index (local-search.ts) and the chats kept for
// opening offline (outbox.ts); signing out deletes the whole database (forgetDevice), and with it the key.
import { type DBSchema, type IDBPDatabase, openDB } from "idb";

interface DeviceDb extends DBSchema {
  /** "passphrase": the wrapped passphrase, beside the key; "inbox" and "keyChanges": cursors; others: sealed values. */
  values: { key: string; value: unknown };
}

/** AES-GCM ciphertext with its IV (a fresh random one for every seal). */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** The stored "passphrase" record: the device's key and, sealed with it, the crypto store's passphrase. */
interface WrappedPassphrase extends Sealed {
  key: CryptoKey;
}

export type DeviceDatabase = IDBPDatabase<DeviceDb>;

export const deviceDbName = (deviceId: string) => `chatterbox-device-${deviceId}`;

export const openDeviceDb = (deviceId: string): Promise<DeviceDatabase> =>
  openDB<DeviceDb>(deviceDbName(deviceId), 1, { upgrade: (database) => void database.createObjectStore("values") });

export async function seal(key: CryptoKey, clear: Uint8Array<ArrayBuffer>): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, clear) };
}

export const unseal = async (key: CryptoKey, { iv, data }: Sealed): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, data));

/**
 * The device's key and its passphrase (32 random bytes), made together on first use. Two first uses at once
 * (the crypto store and the search index) must agree on one key: the record is written only if it is still
 * absent, in one transaction, and whichever was stored first wins.
 */
async function wrappedPassphrase(db: DeviceDatabase): Promise<WrappedPassphrase> {
  const stored = (await db.get("values", "passphrase")) as WrappedPassphrase | undefined;
  if (stored) return stored;
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const fresh: WrappedPassphrase = { key, ...(await seal(key, crypto.getRandomValues(new Uint8Array(32)))) };
  const tx = db.transaction("values", "readwrite");
  const first = (await tx.store.get("passphrase")) as WrappedPassphrase | undefined;
  if (!first) await tx.store.put(fresh, "passphrase");
  await tx.done;
  return first ?? fresh;
}

export const deviceKey = async (db: DeviceDatabase): Promise<CryptoKey> => (await wrappedPassphrase(db)).key;

/** The crypto store's passphrase (base64 of its 32 bytes). */
export async function devicePassphrase(db: DeviceDatabase): Promise<string> {
  const wrapped = await wrappedPassphrase(db);
  return btoa(String.fromCharCode(...(await unseal(wrapped.key, wrapped))));
}

/** Seals and opens bytes with the device's key (held in memory as a CryptoKey that can't be read out). */
export interface DeviceCipher {
  seal(clear: Uint8Array<ArrayBuffer>): Promise<Sealed>;
  /** The bytes, or null if they can't be opened (sealed by another device's key, or altered). */
  open(sealed: Sealed): Promise<Uint8Array<ArrayBuffer> | null>;
}

const cipherOf = (key: CryptoKey): DeviceCipher => ({
  seal: (clear) => seal(key, clear),
  open: (sealed) => unseal(key, sealed).catch(() => null),
});

/** The cipher of `deviceId`'s key (made if the device has none yet). */
export async function deviceCipher(deviceId: string): Promise<DeviceCipher> {
  const db = await openDeviceDb(deviceId);
  return cipherOf(await deviceKey(db).finally(() => db.close()));
}

/** One value kept sealed with the device's key. */
export interface SealedValue {
  /** The bytes last saved, or null if none were (or they can't be opened any more). */
  load(): Promise<Uint8Array<ArrayBuffer> | null>;
  save(clear: Uint8Array<ArrayBuffer>): Promise<void>;
}

/** `name`'s value in the device's vault; the database is opened for each call, so it never holds up a deletion. */
export function sealedValue(deviceId: string, name: string): SealedValue {
  const using = async <T>(run: (db: DeviceDatabase) => Promise<T>): Promise<T> => {
    const db = await openDeviceDb(deviceId);
    try {
      return await run(db);
    } finally {
      db.close();
    }
  };
  return {
    load: () =>
      using(async (db) => {
        const sealed = (await db.get("values", name)) as Sealed | undefined;
        return sealed ? cipherOf(await deviceKey(db)).open(sealed) : null;
      }),
    save: (clear) => using(async (db) => void (await db.put("values", await cipherOf(await deviceKey(db)).seal(clear), name))),
  };
}
