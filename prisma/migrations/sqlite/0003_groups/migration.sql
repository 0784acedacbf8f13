-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "directKey" TEXT,
    "name" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "onlyAdminsSend" BOOLEAN NOT NULL DEFAULT false,
    "onlyAdminsEdit" BOOLEAN NOT NULL DEFAULT false,
    "inviteCode" TEXT,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "lastMessageAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Conversation" ("createdAt", "directKey", "id", "kind", "lastMessageAt", "lastSeq") SELECT "createdAt", "directKey", "id", "kind", "lastMessageAt", "lastSeq" FROM "Conversation";
DROP TABLE "Conversation";
ALTER TABLE "new_Conversation" RENAME TO "Conversation";
CREATE UNIQUE INDEX "Conversation_directKey_key" ON "Conversation"("directKey");
CREATE UNIQUE INDEX "Conversation_inviteCode_key" ON "Conversation"("inviteCode");
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

    PRIMARY KEY ("conversationId", "userId"),
    CONSTRAINT "ConversationMember_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConversationMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConversationMember" ("conversationId", "deliveredAt", "deliveredSeq", "joinedAt", "readAt", "readSeq", "userId") SELECT "conversationId", "deliveredAt", "deliveredSeq", "joinedAt", "readAt", "readSeq", "userId" FROM "ConversationMember";
DROP TABLE "ConversationMember";
ALTER TABLE "new_ConversationMember" RENAME TO "ConversationMember";
CREATE INDEX "ConversationMember_userId_idx" ON "ConversationMember"("userId");
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "senderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'text',
    "clientId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("clientId", "conversationId", "createdAt", "id", "senderId", "seq", "text") SELECT "clientId", "conversationId", "createdAt", "id", "senderId", "seq", "text" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE UNIQUE INDEX "Message_conversationId_seq_key" ON "Message"("conversationId", "seq");
CREATE UNIQUE INDEX "Message_senderId_clientId_key" ON "Message"("senderId", "clientId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

