-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "about" TEXT NOT NULL DEFAULT '',
    "searchKey" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "avatarKey" TEXT,
    "lastSeenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" DATETIME,
    "lastSeenPrivacy" TEXT NOT NULL DEFAULT 'everyone',
    "photoPrivacy" TEXT NOT NULL DEFAULT 'everyone',
    "aboutPrivacy" TEXT NOT NULL DEFAULT 'everyone',
    "groupAddPrivacy" TEXT NOT NULL DEFAULT 'contacts',
    "readReceipts" BOOLEAN NOT NULL DEFAULT true,
    "statusPrivacy" TEXT NOT NULL DEFAULT 'contacts',
    "email" TEXT,
    "emailKey" TEXT,
    "pendingEmail" TEXT,
    "digestHours" INTEGER,
    "digestCoveredAt" DATETIME,
    "pushPreviews" BOOLEAN NOT NULL DEFAULT true,
    "pushSounds" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_User" ("about", "aboutPrivacy", "avatarKey", "createdAt", "digestCoveredAt", "digestHours", "disabledAt", "displayName", "email", "emailKey", "groupAddPrivacy", "id", "isAdmin", "lastSeenAt", "lastSeenPrivacy", "passwordHash", "pendingEmail", "photoPrivacy", "pushPreviews", "pushSounds", "readReceipts", "searchKey", "statusPrivacy", "updatedAt", "username", "usernameKey") SELECT "about", "aboutPrivacy", "avatarKey", "createdAt", "digestCoveredAt", "digestHours", "disabledAt", "displayName", "email", "emailKey", "groupAddPrivacy", "id", "isAdmin", "lastSeenAt", "lastSeenPrivacy", "passwordHash", "pendingEmail", "photoPrivacy", "pushPreviews", "pushSounds", "readReceipts", "searchKey", "statusPrivacy", "updatedAt", "username", "usernameKey" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");
CREATE UNIQUE INDEX "User_emailKey_key" ON "User"("emailKey");
CREATE TABLE "new_ConversationMember" (
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "role" TEXT NOT NULL DEFAULT 'member',
    "joinedSeq" INTEGER NOT NULL DEFAULT 0,
    "leftSeq" INTEGER,
    "deliveredSeq" INTEGER NOT NULL DEFAULT 0,
    "deliveredAt" DATETIME,
    "readSeq" INTEGER NOT NULL DEFAULT 0,
    "readAt" DATETIME,
    "pinnedAt" DATETIME,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "mutedUntil" DATETIME,
    "flagSeq" INTEGER NOT NULL DEFAULT 0,
    "request" BOOLEAN NOT NULL DEFAULT false,
    "accepted" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("conversationId", "userId"),
    CONSTRAINT "ConversationMember_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConversationMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConversationMember" ("archived", "conversationId", "deliveredAt", "deliveredSeq", "flagSeq", "joinedAt", "joinedSeq", "leftSeq", "mutedUntil", "pinnedAt", "readAt", "readSeq", "request", "role", "userId") SELECT "archived", "conversationId", "deliveredAt", "deliveredSeq", "flagSeq", "joinedAt", "joinedSeq", "leftSeq", "mutedUntil", "pinnedAt", "readAt", "readSeq", "request", "role", "userId" FROM "ConversationMember";
DROP TABLE "ConversationMember";
ALTER TABLE "new_ConversationMember" RENAME TO "ConversationMember";
CREATE INDEX "ConversationMember_userId_idx" ON "ConversationMember"("userId");
CREATE INDEX "ConversationMember_conversationId_leftSeq_deliveredSeq_idx" ON "ConversationMember"("conversationId", "leftSeq", "deliveredSeq");
CREATE INDEX "ConversationMember_conversationId_leftSeq_readSeq_idx" ON "ConversationMember"("conversationId", "leftSeq", "readSeq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Consent for the direct chats that exist: a member chose a chat when they sent a message in it, or when
-- they started it as a request to the other (only the starter of a request has it accepted). Other
-- non-request chats may have skipped the request because a group was shared, which is no longer consent:
-- they count again once the member replies, accepts or opens the chat from New chat.
UPDATE "ConversationMember" SET "accepted" = true
WHERE NOT "request"
  AND "conversationId" IN (SELECT "id" FROM "Conversation" WHERE "kind" = 'direct')
  AND (
    EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = "ConversationMember"."conversationId" AND m."senderId" = "ConversationMember"."userId" AND m."type" <> 'system')
    OR EXISTS (SELECT 1 FROM "ConversationMember" o WHERE o."conversationId" = "ConversationMember"."conversationId" AND o."userId" <> "ConversationMember"."userId" AND o."request")
  );
