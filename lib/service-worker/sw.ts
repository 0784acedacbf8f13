// The service worker (built by scripts/build-service-worker.ts into .next/sw.js, served at /sw.js).
// - Precaches the app shell (Next's hashed static files and the icons), so the app opens offline.
// - Pages: network first, falling back to the last copy of the app page (shown with the chats this device
//   kept, lib/client/offline-snapshot.ts). API calls, sockets and uploads are never cached here.
// - Background Sync sends the outbox written offline (outbox-sync.ts); Web Push shows notifications (notifications.ts).
import { CacheableResponsePlugin, ExpirationPlugin, NetworkFirst, type PrecacheEntry, Serwist } from "serwist";
import { isKeepAppPageMessage, OUTBOX_SYNC_TAG, PAGES_CACHE } from "@/lib/client/sw-protocol";
import { openNotification, renewSubscription, showPush } from "./notifications";
import { sendOutbox } from "./outbox-sync";

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

/** How long a page request may take before the kept copy is shown instead. */
const PAGE_TIMEOUT_S = 4;

/** A page is kept under its path alone: "/?chat=..." offline opens the kept "/". */
const pathOnly = async ({ request }: { request: Request }) => new URL(request.url).pathname;

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  networkTimeoutSeconds: PAGE_TIMEOUT_S,
  plugins: [
    // Only real pages: a redirect (e.g. to sign-in) or an error is never what opens offline.
    new CacheableResponsePlugin({ statuses: [200] }),
    { cacheWillUpdate: async ({ response }) => (response.redirected ? null : response), cacheKeyWillBeUsed: pathOnly },
    new ExpirationPlugin({ maxEntries: 20 }),
    // Any other page asked for offline (a shortcut, an invite link) gets the app page if one was kept.
    { handlerDidError: async () => (await caches.open(PAGES_CACHE).then((c) => c.match("/"))) ?? offlineResponse() },
  ],
});

function offlineResponse(): Response {
  return new Response("You're offline, and this page hasn't been opened on this device before. Connect and try again.", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // A new version takes over at once: pages are network first, so open tabs keep working.
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === "navigate" && !url.pathname.startsWith("/api/") && url.pathname !== "/metrics",
      handler: pages,
    },
  ],
});
serwist.addEventListeners();

// The page that installed this worker loaded before it existed: it asks for the app page to be kept now,
// not only after the next visit. (Not during "activate": the page's requests wait for that to end.)
self.addEventListener("message", (event) => {
  if (isKeepAppPageMessage(event.data)) event.waitUntil(keepAppPage());
});

async function keepAppPage(): Promise<void> {
  const response = await fetch("/", { credentials: "same-origin" }).catch(() => null);
  if (response?.ok && !response.redirected) await (await caches.open(PAGES_CACHE)).put("/", response);
}

self.addEventListener("sync", (event) => {
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(sendOutbox());
});
self.addEventListener("push", (event) => event.waitUntil(showPush(event.data)));
self.addEventListener("notificationclick", (event) => event.waitUntil(openNotification(event.notification)));
self.addEventListener("pushsubscriptionchange", (event) => event.waitUntil(renewSubscription(event)));
