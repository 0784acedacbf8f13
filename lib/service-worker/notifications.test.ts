import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PushPayload } from "@/lib/contracts/notifications";
import { openNotification, renewSubscription, showPush } from "./notifications";

interface Shown {
  title: string;
  options: NotificationOptions & { renotify?: boolean };
}

let shown: Shown[];
const clients = { matchAll: vi.fn(), openWindow: vi.fn() };

beforeEach(() => {
  shown = [];
  const registration = {
    async showNotification(title: string, options: NotificationOptions) {
      // Like the browser: a notification with the same tag replaces the one showing.
      shown = [...shown.filter((n) => n.options.tag === undefined || n.options.tag !== options.tag), { title, options }];
    },
    getNotifications: async ({ tag }: { tag: string }) => shown.filter((n) => n.options.tag === tag).map((n) => ({ data: n.options.data })),
  };
  vi.stubGlobal("self", { registration, clients, location: { origin: "https://chat.example" } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

const push = (patch: Partial<PushPayload> = {}) => {
  const payload: PushPayload = {
    kind: "message",
    conversationId: "c1",
    title: "Ana",
    body: "See you at eight",
    tag: "c1",
    url: "/?chat=c1",
    sound: true,
    sentAt: 1_700_000_000_000,
    ...patch,
  };
  return { json: () => payload } as unknown as PushMessageData;
};

describe("push notifications in the service worker", () => {
  it("shows the sender and preview, one notification per chat counting its messages", async () => {
    await showPush(push());
    expect(shown).toEqual([
      {
        title: "Ana",
        options: expect.objectContaining({
          body: "See you at eight",
          tag: "c1",
          silent: false,
          renotify: true,
          timestamp: 1_700_000_000_000,
        }),
      },
    ]);
    await showPush(push({ body: "Running late" }));
    await showPush(push({ conversationId: "c2", tag: "c2", title: "Ben @ Trip", body: "Tickets booked", url: "/?chat=c2" }));
    expect(shown.map((n) => [n.title, n.options.body])).toEqual([
      ["Ana · 2 new messages", "Running late"],
      ["Ben @ Trip", "Tickets booked"],
    ]);
  });

  it("counts pushes that arrive together", async () => {
    await Promise.all([showPush(push()), showPush(push({ body: "Running late" })), showPush(push({ body: "Sorry!" }))]);
    expect(shown.map((n) => [n.title, n.options.body])).toEqual([["Ana · 3 new messages", "Sorry!"]]);
  });

  it("is silent when the user turned sounds off, and keeps a call on screen", async () => {
    await showPush(push({ sound: false }));
    expect(shown[0].options).toMatchObject({ silent: true, renotify: false, requireInteraction: false });
    await showPush(push({ kind: "call", tag: "call-c1", body: "Incoming call" }));
    expect(shown[1].options).toMatchObject({ requireInteraction: true });
  });

  it("still shows something for a push it can't read (the browser requires it)", async () => {
    await showPush({ json: () => ({ nonsense: true }) } as unknown as PushMessageData);
    await showPush({
      json: () => {
        throw new SyntaxError("not JSON");
      },
    } as unknown as PushMessageData);
    await showPush(null);
    expect(shown.map((n) => n.title)).toEqual(["Chatterbox", "Chatterbox", "Chatterbox"]);
  });

  it("a click shows the chat in the open app window, or opens the app on it", async () => {
    const notification = (conversationId: string) =>
      ({ close: vi.fn(), data: { url: `/?chat=${conversationId}`, conversationId, count: 1 } }) as unknown as Notification;
    const app = { url: "https://chat.example/", focus: vi.fn(), postMessage: vi.fn() };
    clients.matchAll.mockResolvedValue([{ url: "https://elsewhere.example/" }, app]);
    const clicked = notification("c1");
    await openNotification(clicked);
    expect(clicked.close).toHaveBeenCalled();
    expect(app.focus).toHaveBeenCalled();
    expect(app.postMessage).toHaveBeenCalledWith({ type: "open-chat", conversationId: "c1" });
    expect(clients.openWindow).not.toHaveBeenCalled();

    clients.matchAll.mockResolvedValue([]);
    await openNotification(notification("c2"));
    expect(clients.openWindow).toHaveBeenCalledWith("https://chat.example/?chat=c2");
  });

  it("registers the subscription the push service replaced it with", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 201 }));
    vi.stubGlobal("fetch", fetch);
    const renewed = { toJSON: () => ({ endpoint: "https://fcm.googleapis.com/new", keys: { p256dh: "k", auth: "a" } }) };
    await renewSubscription({ newSubscription: renewed, oldSubscription: null } as unknown as PushSubscriptionChangeEvent);
    expect(fetch).toHaveBeenCalledWith("/api/v1/notifications/push/subscriptions", expect.objectContaining({ method: "POST" }));
    expect(JSON.parse(String(fetch.mock.calls[0][1].body))).toEqual(renewed.toJSON());
  });
});
