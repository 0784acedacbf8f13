// The unread-message digest's one read: for every user whose digest is on with this delay, the chats
// holding messages they haven't read that are older than the delay and newer than what their last digest
// covered. Unread means what the chat list counts (see unreadBy): from others, not hidden by the user.
import { type Driver, toDbTime } from "./driver";
import { notHidden, unreadBy } from "./message-rows";

export interface DueDigest {
  userId: string;
  conversationId: string;
  /** The sender of the newest such message. */
  latestSenderId: string;
}

export async function dueDigests(db: Driver, hours: number, cutoff: Date, now: Date): Promise<DueDigest[]> {
  const due = `SELECT m."userId", m."conversationId", MAX(msg."seq") AS "lastSeq" FROM "User" u JOIN "ConversationMember" m ON m."userId" = u."id" JOIN "Message" msg ON msg."conversationId" = m."conversationId" AND ${unreadBy('msg."seq"')} AND msg."senderId" <> m."userId" AND ${notHidden("msg", 'm."userId"')} WHERE u."digestHours" = ? AND u."emailKey" IS NOT NULL AND u."disabledAt" IS NULL AND (m."mutedUntil" IS NULL OR m."mutedUntil" <= ?) AND msg."createdAt" <= ? AND msg."createdAt" > u."digestCoveredAt" GROUP BY m."userId", m."conversationId"`;
  return db.all<DueDigest>(
    `SELECT d."userId", d."conversationId", s."senderId" AS "latestSenderId" FROM (${due}) d JOIN "Message" s ON s."conversationId" = d."conversationId" AND s."seq" = d."lastSeq"`,
    [hours, toDbTime(db.dialect, now), toDbTime(db.dialect, cutoff)],
  );
}
