// Which browser signs in: a long-lived random cookie, set at the first sign-in from it, sent with (and
// renewed by) every later one. The server keeps only its hash per user (KnownDevice), to tell a new device's sign-in
// from a returning one (server/services/sign-in-alerts.ts).
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";

export const DEVICE_COOKIE = "cbx_device";
export const DEVICE_LIFETIME_S = 365 * 86_400;

/** The device id a request carries, if it looks like one we made. */
export const deviceFromCookie = (value: string | undefined): string | null => (value && /^[\w-]{43}$/.test(value) ? value : null);

export const newDeviceId = () => randomBytes(32).toString("base64url");

export const deviceSetCookie = (id: string, secure: boolean) =>
  `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=${DEVICE_LIFETIME_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;

// next-auth calls `authorize` without the response, so the route hands the device id down this way.
const current = new AsyncLocalStorage<string>();

export const withDevice = <T>(id: string, run: () => Promise<T>): Promise<T> => current.run(id, run);

/** The device of the sign-in being handled (inside withDevice), or null. */
export const currentDevice = (): string | null => current.getStore() ?? null;
