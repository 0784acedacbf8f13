// Who gets a Web Push, and what it says. A push goes only to devices (sessions) with no connected socket:
// a connected device hears of the message over its socket already. Everything here runs in the push
// queue (server/push/notifier.ts), after the message was stored and acked.

import type { ChatMessage } from "../../lib/contracts/messaging";
import { PUSH_BODY_MAX, type PushPayload, type TestPush, type TestPushResult } from "../../lib/contracts/notifications";
import { type Mentionable, mentionedUsernames, withMentionNames } from "../../lib/shared/mentions";
import { previewText } from "../../lib/shared/message-preview";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import type { StoredSubscription, Urgency } from "../push/notifier";
import { type PushText, pushText } from "../push/push-text";
import { messageAudience, type PushRecipient, pushSettingsOf, subscriptionsOf } from "../store/push-sql";
import { requireAdmin } from "./admins";

export type { PushRecipient };

/** A notification as each language writes it (server/push/push-text.ts): a device gets it in its own. */
export type Localized = (text: PushText) => PushPayload;

/** Each recipient's payload (someone left out gets nothing). */
export type BuildPushes = (recipients: PushRecipient[]) => Promise<Map<string, Localized>>;

/** Delivers to each device in its language: one payload per language among them. */
async function deliverInTheirLanguage(
  push: AppContext["push"],
  subscriptions: StoredSubscription[],
  payload: Localized,
  urgency: Urgency,
): Promise<{ sent: number; removed: number }> {
  const byLocale = new Map<string, StoredSubscription[]>();
  for (const s of subscriptions) byLocale.set(s.locale, [...(byLocale.get(s.locale) ?? []), s]);
  const results = await Promise.all([...byLocale].map(([locale, group]) => push.deliver(group, payload(pushText(locale)), urgency)));
  return results.reduce((sum, r) => ({ sent: sum.sent + r.sent, removed: sum.removed + r.removed }), { sent: 0, removed: 0 });
}

interface Request {
  userIds: string[];
  build: BuildPushes;
  urgency: Urgency;
}

/** Requests made in this turn of the event loop: they share one lookup (a busy server sends thousands a second). */
let pending: Request[] = [];

/**
 * Queues pushes to these users' devices that have no connected socket, and returns at once. `build` is
 * called (in the queue) with only the users who have such a device, so its lookups are skipped for
 * everyone else. Messages use it (pushMessage below); a call feature will use it the same way (kind "call").
 */
export function notifyUsers(app: AppContext, userIds: string[], build: BuildPushes, urgency: Urgency = "high"): void {
  if (!userIds.length) return;
  if (!pending.length) setImmediate(() => flush(app));
  pending.push({ userIds, build, urgency });
}

/** One job for the batch: one query for the subscriptions, one presence check (one Redis round trip), one for settings. */
function flush({ push, store }: AppContext): void {
  const batch = pending;
  pending = [];
  push.enqueue(async () => {
    const subscriptions = await subscriptionsOf(store.reader, [...new Set(batch.flatMap((r) => r.userIds))]);
    if (!subscriptions.length) return;
    const connected = await push.connectedSessions([...new Set(subscriptions.map((s) => s.userId))]);
    const offline = subscriptions.filter((s) => !connected.has(s.sessionId));
    if (!offline.length) return;
    const settings = await pushSettingsOf(store.reader, [...new Set(offline.map((s) => s.userId))]);
    const reachable = new Map(settings.map((r) => [r.userId, r]));
    // Side by side: one slow push service mustn't hold up the rest of the batch (push services don't keep order anyway).
    await Promise.all(
      batch.map(async ({ userIds, build, urgency }) => {
        const recipients = userIds.flatMap((id) => reachable.get(id) ?? []);
        if (!recipients.length) return;
        const payloads = await build(recipients);
        await Promise.all(
          [...payloads].map(([userId, payload]) =>
            deliverInTheirLanguage(
              push,
              offline.filter((s) => s.userId === userId),
              payload,
              urgency,
            ),
          ),
        );
      }),
    );
  });
}

/**
 * After a message was stored: a push to each member but the sender who may see it (`memberIds` already
 * leaves out someone who blocked the sender), unless they muted the chat (a mention of them still
 * notifies, as kind "mention") or it is a message request they haven't accepted (a stranger can't make
 * someone's phone ring). System messages (group events) don't notify.
 */
export function pushMessage(app: AppContext, message: ChatMessage, memberIds: string[]): void {
  if (message.type === "system") return;
  notifyUsers(
    app,
    memberIds.filter((id) => id !== message.senderId),
    (recipients) => messagePushes(app, message, recipients),
  );
}

/** The display names of the people a text @mentions (lower-cased username to name). */
async function mentionNames(app: AppContext, text: string): Promise<Mentionable> {
  const usernames = mentionedUsernames(text);
  if (!usernames.length) return new Map();
  const users = await app.db.user.findMany({ where: { username: { in: usernames } }, select: { username: true, displayName: true } });
  return new Map(users.map((u) => [u.username.toLowerCase(), u.displayName]));
}

/** At most PUSH_BODY_MAX characters (code points, so an emoji isn't cut in half). */
function clip(text: string): string {
  const chars = [...text];
  return chars.length > PUSH_BODY_MAX ? `${chars.slice(0, PUSH_BODY_MAX - 1).join("")}…` : text;
}

async function messagePushes(app: AppContext, message: ChatMessage, recipients: PushRecipient[]): Promise<Map<string, Localized>> {
  const { db, store, now } = app;
  const { conversationId, seq, senderId } = message;
  const [audience, sender, conversation] = await Promise.all([
    messageAudience(
      store.reader,
      conversationId,
      seq,
      recipients.map((r) => r.userId),
    ),
    db.user.findUnique({ where: { id: senderId }, select: { displayName: true } }),
    db.conversation.findUnique({ where: { id: conversationId }, select: { kind: true, name: true } }),
  ]);
  const member = new Map(audience.map((m) => [m.userId, m]));
  const title = ({ push: t }: PushText) => {
    const name = sender?.displayName ?? t("someone");
    return conversation?.kind === "group" ? t("groupTitle", { name, group: conversation.name ?? t("group") }) : name;
  };
  // An encrypted message's content is not the server's to show: sender and chat only. A plain one's
  // @mentions show by name, as in the chat.
  const names = message.type === "encrypted" ? new Map() : await mentionNames(app, message.text);
  const preview = (text: PushText) =>
    message.type === "encrypted" ? "" : clip(withMentionNames(previewText(text.preview, message), names));
  const at = now().getTime();
  const payloads = new Map<string, Localized>();
  for (const { userId, previews, sounds } of recipients) {
    const m = member.get(userId);
    if (!m || m.request) continue;
    if (!m.mentioned && m.mutedUntil && Date.parse(m.mutedUntil) > at) continue;
    payloads.set(userId, (text) => ({
      kind: m.mentioned ? "mention" : "message",
      conversationId,
      title: title(text),
      body: (previews && preview(text)) || text.push(m.mentioned ? "mentionedYou" : "newMessage"),
      tag: conversationId,
      url: `/?chat=${encodeURIComponent(conversationId)}`,
      sound: sounds,
      sentAt: Date.parse(message.createdAt),
    }));
  }
  return payloads;
}

/** Admins: a test notification to every device of the user, connected or not, waiting for the push services' answers. */
export async function sendTestPush(app: AppContext, actorId: string, { userId, title, body }: TestPush): Promise<TestPushResult> {
  const { db, push, now } = app;
  await requireAdmin(app, actorId, "sendTestNotifications");
  const user = await db.user.findUnique({ where: { id: userId }, select: { pushSounds: true } });
  if (!user) throw new AppError("not_found", { key: "errors.users.notFound" });
  const subscriptions = await subscriptionsOf(app.store.reader, [userId]);
  return deliverInTheirLanguage(
    push,
    subscriptions,
    (text) => ({
      kind: "test",
      title: title ?? "Chatterbox",
      body: body ?? text.push("testBody"),
      tag: "test",
      url: "/",
      sound: user.pushSounds,
      sentAt: now().getTime(),
    }),
    "normal",
  );
}
