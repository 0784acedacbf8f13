-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "avatarKey" TEXT;

-- CreateTable
CREATE TABLE "GroupAvatar" (
    "conversationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("conversationId", "key"),
    CONSTRAINT "GroupAvatar_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

