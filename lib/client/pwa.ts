// The browser side of the installable app: registering the service worker (lib/service-worker/sw.ts, served
// at /sw.js by production builds), asking it for a Background Sync, and forgetting the offline copies.
import { KEEP_APP_PAGE, OUTBOX_SYNC_TAG, PAGES_CACHE } from "./sw-protocol";

/** Registers the service worker once the page has loaded (production builds only: `npm run dev` has none). */
export function registerServiceWorker(): void {
  if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
  // A page the worker didn't serve (the first visit) asks it to keep the app page once it is active.
  const unserved = !navigator.serviceWorker.controller;
  const register = () =>
    void navigator.serviceWorker
      .register("/sw.js", { scope: "/", updateViaCache: "none" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => unserved && registration.active?.postMessage(KEEP_APP_PAGE))
      .catch(() => {});
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

/** Background Sync is in Chromium-based browsers; elsewhere the outbox waits for the app to be opened again. */
interface SyncRegistration extends ServiceWorkerRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/**
 * Asks the worker to send the outbox when the browser is back online. Only while the browser knows it is
 * offline: with a network, the sync would fire at once and send by REST behind the app's back while the
 * app waits for its socket (which then finds the messages already stored, as one would expect, but a
 * socket that can't connect is the app's to report, not the worker's to route around).
 */
export function requestBackgroundSync(): void {
  if (!("serviceWorker" in navigator) || navigator.onLine) return;
  void navigator.serviceWorker
    .getRegistration()
    .then((registration) => (registration as SyncRegistration | undefined)?.sync?.register(OUTBOX_SYNC_TAG).catch(() => {}));
}

/** Signing out: the pages kept for offline use hold the account's data, so they go. */
export async function forgetCachedPages(): Promise<void> {
  if ("caches" in window) await caches.delete(PAGES_CACHE).catch(() => false);
}
