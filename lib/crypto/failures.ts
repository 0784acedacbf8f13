// The failures of lib/crypto/crypto-client.ts that the browser's first JavaScript needs to tell apart,
// kept apart from the client itself, which the browser loads only with the crypto library (after the
// first paint).

/** The name of the error a browser tab gets when another tab of its session runs the device. */
export const DEVICE_BUSY = "DeviceBusy";

/** Why a message could not be decrypted: `waiting` when its room key may still arrive, else for good (tampered, forged). */
export class DecryptFailure extends Error {
  constructor(
    readonly waiting: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** An encrypted file whose ciphertext doesn't match its key (changed, cut short, or another file): file-cipher.ts. */
export class FileTampered extends Error {
  override name = "FileTampered";
}
