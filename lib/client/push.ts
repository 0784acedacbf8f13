// This device's Web Push subscription, in the browser. The permission prompt and the subscription only
// ever start from the user's click in Settings › Notifications; the service worker (lib/service-worker/)
// shows what arrives. Each step that can fail says so in words the panel shows as they are.
import { request } from "@/lib/api-client";
import { pushSubscriptionSchema } from "@/lib/contracts/notifications";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { text } from "@/lib/i18n/text";

/** What stands between this browser and push notifications, if anything. */
export type PushAvailability =
  | "ready"
  /** No Push API or Notifications API (an old browser; iOS Safari outside an installed home-screen app). */
  | "unsupported"
  /** The app's service worker isn't installed (development builds don't register it). */
  | "no-service-worker"
  /** The user or the browser blocked notifications for this site. */
  | "denied";

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** The service worker's registration, without waiting for one that was never registered (`ready` would hang). */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  return (await navigator.serviceWorker.getRegistration()) ?? null;
}

export async function pushAvailability(): Promise<PushAvailability> {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  return (await registration()) ? "ready" : "no-service-worker";
}

/** This browser's subscription, if it has one (the server may still have none for this session). */
export async function browserSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  return (await (await registration())?.pushManager.getSubscription()) ?? null;
}

const bytes = (base64url: string) => Uint8Array.from(atob(base64url.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
const sameKey = (a: ArrayBuffer | null, b: Uint8Array) =>
  a !== null && a.byteLength === b.length && new Uint8Array(a).every((x, i) => x === b[i]);

/**
 * Turns push on for this device: asks for permission (call it straight from a click: browsers show the
 * prompt only for a user gesture), subscribes with the server's key, and registers the subscription.
 * Throws an Error whose message says what went wrong and what to do.
 */
export async function enablePush(): Promise<void> {
  if (!pushSupported()) throw new Error(text("clientErrors.push.unsupported"));
  const permission = await Notification.requestPermission();
  if (permission === "denied") throw new Error(deniedHelp());
  if (permission !== "granted") throw new Error(text("clientErrors.push.notAllowed"));
  const worker = await registration();
  if (!worker) throw new Error(noWorkerHelp());
  const key = bytes((await request("GET /api/v1/notifications/push/key")).publicKey);
  let subscription = await worker.pushManager.getSubscription();
  // Made with another server key (the server's keys were replaced): push services would refuse our pushes.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  try {
    subscription ??= await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (e) {
    throw new Error(text("clientErrors.push.subscribeFailed", { reason: e instanceof Error ? e.message : String(e) }));
  }
  const lang = document.documentElement.lang;
  await register(subscription, isLocale(lang) ? lang : DEFAULT_LOCALE);
}

/** Registers the subscription with the server, with the language its notifications are to be written in. */
async function register(subscription: PushSubscription, locale: Locale): Promise<void> {
  await request("POST /api/v1/notifications/push/subscriptions", {
    json: { ...pushSubscriptionSchema.parse(subscription.toJSON()), locale },
  });
}

/** After Settings › Language: this device's notifications, if it gets them, come in the new language. */
export async function updatePushLocale(locale: Locale): Promise<void> {
  const subscription = await browserSubscription();
  if (subscription) await register(subscription, locale);
}

/** Turns push off for this device: the server forgets the subscription, then the browser drops it. */
export async function disablePush(): Promise<void> {
  await request("DELETE /api/v1/notifications/push/subscriptions");
  await (await browserSubscription())?.unsubscribe();
}

/** Notifications are blocked for this site, and how to allow them (in the page's language). */
export const deniedHelp = () => text("clientErrors.push.denied");
/** The app's service worker isn't installed (in the page's language). */
export const noWorkerHelp = () => text("clientErrors.push.noWorker");
