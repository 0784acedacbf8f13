// Who gets a Web Push, and what it says. A push goes only to devices (sessions) with no connected socket:
// a connected device hears of the message over its socket already. Everything here runs in the push
// queue (server/push/notifier.ts), after the message was stored and acked.
import { previewText } from "../../lib/client/message-preview";
import type { ChatMessage } from "../../lib/contracts/messaging";
import type { PushPayload, TestPush, TestPushResult } from "../../lib/contracts/notifications";
import { ctx } from "../context";
import { AppError } from "../errors";
import type { Urgency } from "../push/notifier";
import { requireAdmin } from "./admins";

/** A user about to be notified, with their notification settings. */
export interface PushRecipient {
  userId: string;
  previews: boolean;
  sounds: boolean;
}

/** Each recipient's payload (someone left out gets nothing). */
export type BuildPushes = (recipients: PushRecipient[]) => Promise<Map<string, PushPayload>>;

const subscriptionColumns = { sessionId: true, userId: true, endpoint: true, p256dh: true, auth: true } as const;

/**
 * Queues pushes to these users' devices that have no connected socket, and returns at once. `build` is
 * called (in the queue) with only the users who have such a device, so its lookups are skipped for
 * everyone else. Messages use it (pushMessage below); a call feature will use it the same way (kind "call").
 */
export function notifyUsers(userIds: string[], build: BuildPushes, urgency: Urgency = "high"): void {
  if (!userIds.length) return;
  const { push, db } = ctx();
  push.enqueue(async () => {
    const subscriptions = await db.pushSubscription.findMany({ where: { userId: { in: userIds } }, select: subscriptionColumns });
    if (!subscriptions.length) return;
    const connected = await push.connectedSessions([...new Set(subscriptions.map((s) => s.userId))]);
    const offline = subscriptions.filter((s) => !connected.has(s.sessionId));
    if (!offline.length) return;
    const users = await db.user.findMany({
      where: { id: { in: [...new Set(offline.map((s) => s.userId))] } },
      select: { id: true, pushPreviews: true, pushSounds: true },
    });
    const payloads = await build(users.map((u) => ({ userId: u.id, previews: u.pushPreviews, sounds: u.pushSounds })));
    await Promise.all(
      [...payloads].map(([userId, payload]) =>
        push.deliver(
          offline.filter((s) => s.userId === userId),
          payload,
          urgency,
        ),
      ),
    );
  });
}

/**
 * After a message was stored: a push to each member but the sender who may see it (`memberIds` already
 * leaves out someone who blocked the sender), unless they muted the chat (a mention of them still
 * notifies, as kind "mention") or it is a message request they haven't accepted (a stranger can't make
 * someone's phone ring). System messages (group events) don't notify.
 */
export function pushMessage(message: ChatMessage, memberIds: string[]): void {
  if (message.type === "system") return;
  notifyUsers(
    memberIds.filter((id) => id !== message.senderId),
    (recipients) => messagePushes(message, recipients),
  );
}

async function messagePushes(message: ChatMessage, recipients: PushRecipient[]): Promise<Map<string, PushPayload>> {
  const { db, now } = ctx();
  const { conversationId, seq, senderId } = message;
  const userIds = recipients.map((r) => r.userId);
  const [members, mentions, sender, conversation] = await Promise.all([
    db.conversationMember.findMany({
      where: { conversationId, userId: { in: userIds }, leftSeq: null },
      select: { userId: true, mutedUntil: true, request: true },
    }),
    db.messageMention.findMany({ where: { conversationId, seq, userId: { in: userIds } }, select: { userId: true } }),
    db.user.findUnique({ where: { id: senderId }, select: { displayName: true } }),
    db.conversation.findUnique({ where: { id: conversationId }, select: { kind: true, name: true } }),
  ]);
  const mentioned = new Set(mentions.map((m) => m.userId));
  const member = new Map(members.map((m) => [m.userId, m]));
  const name = sender?.displayName ?? "Someone";
  const title = conversation?.kind === "group" ? `${name} @ ${conversation.name ?? "Group"}` : name;
  const preview = previewText(message);
  const payloads = new Map<string, PushPayload>();
  for (const { userId, previews, sounds } of recipients) {
    const m = member.get(userId);
    if (!m || m.request) continue;
    const mention = mentioned.has(userId);
    if (!mention && m.mutedUntil && m.mutedUntil > now()) continue;
    payloads.set(userId, {
      kind: mention ? "mention" : "message",
      conversationId,
      title,
      body: previews ? preview : mention ? "Mentioned you" : "New message",
      tag: conversationId,
      url: `/?chat=${encodeURIComponent(conversationId)}`,
      sound: sounds,
      sentAt: Date.parse(message.createdAt),
    });
  }
  return payloads;
}

/** Admins: a test notification to every device of the user, connected or not, waiting for the push services' answers. */
export async function sendTestPush(actorId: string, { userId, title, body }: TestPush): Promise<TestPushResult> {
  const { db, push, now } = ctx();
  await requireAdmin(actorId, "send test notifications");
  const user = await db.user.findUnique({ where: { id: userId }, select: { pushSounds: true } });
  if (!user) throw new AppError("not_found", "User not found");
  const subscriptions = await db.pushSubscription.findMany({ where: { userId }, select: subscriptionColumns });
  return push.deliver(
    subscriptions,
    {
      kind: "test",
      title: title ?? "Chatterbox",
      body: body ?? "Test notification: notifications work on this device.",
      tag: "test",
      url: "/",
      sound: user.pushSounds,
      sentAt: now().getTime(),
    },
    "normal",
  );
}
