// Web Push in the service worker: shows what the server pushed (lib/contracts/notifications.ts), one
// notification per chat that counts the messages it stands for, and opens that chat when clicked.
import type { OpenChatMessage } from "@/lib/client/sw-protocol";
import { type PushPayload, pushPayloadSchema } from "@/lib/contracts/notifications";
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from "@/lib/contracts/protocol";

declare const self: ServiceWorkerGlobalScope;

interface Shown {
  url: string;
  conversationId?: string;
  /** Messages this notification stands for. */
  count: number;
}

const ICON = "/icons/icon-192.png";

function parse(data: PushMessageData | null): PushPayload | null {
  try {
    const parsed = pushPayloadSchema.safeParse(data?.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Pushes are shown one after another: two arriving together would otherwise both find no earlier notification to count. */
let showing: Promise<void> = Promise.resolve();

export function showPush(data: PushMessageData | null): Promise<void> {
  const push = parse(data);
  showing = showing.then(() => show(push)).catch(() => {});
  return showing;
}

async function show(push: PushPayload | null): Promise<void> {
  // Every push must show something (the browser's rule for userVisibleOnly subscriptions).
  if (!push) return self.registration.showNotification("Chatterbox", { body: "You have a new notification", icon: ICON });
  const [earlier] = await self.registration.getNotifications({ tag: push.tag });
  const count = ((earlier?.data as Shown | undefined)?.count ?? 0) + 1;
  const shown: Shown = { url: push.url, conversationId: push.conversationId, count };
  await self.registration.showNotification(count > 1 ? `${push.title} · ${count} new messages` : push.title, {
    body: push.body,
    tag: push.tag,
    icon: ICON,
    badge: ICON,
    silent: !push.sound,
    requireInteraction: push.kind === "call",
    data: shown,
    // Not in TypeScript's NotificationOptions yet. Replacing the chat's notification alerts again (unless
    // sounds are off), and shows when the message was sent rather than when the push arrived.
    ...({ renotify: push.sound, timestamp: push.sentAt } as NotificationOptions),
  });
}

/** Focuses an open app window on the chat, or opens the app there. */
export async function openNotification(notification: Notification): Promise<void> {
  notification.close();
  const { url, conversationId } = (notification.data ?? { url: "/" }) as Shown;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const app = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (app && conversationId) {
    await app.focus();
    app.postMessage({ type: "open-chat", conversationId } satisfies OpenChatMessage);
    return;
  }
  await self.clients.openWindow(new URL(url, self.location.origin).href);
}

/**
 * The push service replaced this device's subscription (it expired, or keys rotated): the new one is
 * registered for this device's session, as turning notifications on does, or pushes would stop arriving.
 */
export async function renewSubscription(event: PushSubscriptionChangeEvent): Promise<void> {
  const key = event.oldSubscription?.options.applicationServerKey;
  const subscription =
    event.newSubscription ??
    (key ? await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }) : null);
  if (!subscription) return;
  const response = await fetch("/api/v1/notifications/push/subscriptions", {
    method: "POST",
    credentials: "same-origin",
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), "Content-Type": "application/json" },
    body: JSON.stringify(subscription.toJSON()),
  });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
}
