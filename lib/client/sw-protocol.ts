// What the app and its service worker (lib/service-worker/) agree on: cache names, sync tags, messages.

/** The cache of app pages (the HTML the app opens with offline). */
export const PAGES_CACHE = "chatterbox-pages";
/** The Background Sync tag under which the service worker sends the outbox. */
export const OUTBOX_SYNC_TAG = "outbox";

/** What the service worker posts to an open app window when a notification is clicked. */
export interface OpenChatMessage {
  type: "open-chat";
  conversationId: string;
}

export const isOpenChatMessage = (data: unknown): data is OpenChatMessage =>
  typeof data === "object" && data !== null && (data as OpenChatMessage).type === "open-chat";

/** What a page that loaded before the service worker controlled it posts, so the app page is kept for offline use. */
export const KEEP_APP_PAGE = { type: "keep-app-page" } as const;

export const isKeepAppPageMessage = (data: unknown): boolean =>
  typeof data === "object" && data !== null && (data as { type?: unknown }).type === KEEP_APP_PAGE.type;
