// Web Push reads, on the driver: each takes its ids as one JSON parameter, so a batch for a big group
// never runs into a bound-parameter limit.
import type { StoredSubscription } from "../push/notifier";
import { type Driver, fromDbTime, inJson, json, truthy } from "./driver";

/** These users' subscriptions. */
export function subscriptionsOf(db: Driver, userIds: string[]): Promise<StoredSubscription[]> {
  return db.all<StoredSubscription>(
    `SELECT "sessionId", "userId", "endpoint", "p256dh", "auth", "locale" FROM "PushSubscription" WHERE "userId" ${inJson(db.dialect)}`,
    [json(userIds)],
  );
}

/** A user about to be notified, with their notification settings. */
export interface PushRecipient {
  userId: string;
  previews: boolean;
  sounds: boolean;
}

/** These users' notification settings. */
export async function pushSettingsOf(db: Driver, userIds: string[]): Promise<PushRecipient[]> {
  const rows = await db.all(`SELECT "id", "pushPreviews", "pushSounds" FROM "User" WHERE "id" ${inJson(db.dialect)}`, [json(userIds)]);
  return rows.map((r) => ({ userId: r.id as string, previews: truthy(r.pushPreviews), sounds: truthy(r.pushSounds) }));
}

export interface MessageAudience {
  userId: string;
  /** ISO time, or null when not muted. */
  mutedUntil: string | null;
  /** A message request they haven't accepted. */
  request: boolean;
  /** The message (conversationId, seq) @mentions them. */
  mentioned: boolean;
}

/** How each of these current members of the conversation stands to its message `seq`. */
export async function messageAudience(db: Driver, conversationId: string, seq: number, userIds: string[]): Promise<MessageAudience[]> {
  const rows = await db.all(
    `SELECT m."userId", m."mutedUntil", m."request", EXISTS (SELECT 1 FROM "MessageMention" mm WHERE mm."userId" = m."userId" AND mm."conversationId" = m."conversationId" AND mm."seq" = ?) AS "mentioned" FROM "ConversationMember" m WHERE m."conversationId" = ? AND m."leftSeq" IS NULL AND m."userId" ${inJson(db.dialect)}`,
    [seq, conversationId, json(userIds)],
  );
  return rows.map((r) => ({
    userId: r.userId as string,
    mutedUntil: fromDbTime(r.mutedUntil),
    request: truthy(r.request),
    mentioned: truthy(r.mentioned),
  }));
}
