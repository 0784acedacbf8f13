-- Privacy settings, blocking, message requests, status updates and reports. Edited by hand: new columns
-- are added in place, and only statuses that carry a file are indexed by it.
-- CreateTable
CREATE TABLE "Block" (
    "userId" TEXT NOT NULL,
    "blockedId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "blockedId"),
    CONSTRAINT "Block_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusAudience" (
    "userId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,

    PRIMARY KEY ("userId", "list", "memberId"),
    CONSTRAINT "StatusAudience_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Status" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "background" TEXT,
    "font" TEXT,
    "fileId" TEXT,
    "attachment" TEXT,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "Status_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusView" (
    "statusId" TEXT NOT NULL,
    "viewerId" TEXT NOT NULL,
    "viewedAt" DATETIME NOT NULL,

    PRIMARY KEY ("statusId", "viewerId"),
    CONSTRAINT "StatusView_statusId_fkey" FOREIGN KEY ("statusId") REFERENCES "Status" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reporterId" TEXT NOT NULL,
    "targetUserId" TEXT,
    "conversationId" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "messages" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME
);

-- New columns in place (the generated script copied both tables whole).
ALTER TABLE "User" ADD COLUMN "disabledAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "lastSeenPrivacy" TEXT NOT NULL DEFAULT 'everyone';
ALTER TABLE "User" ADD COLUMN "photoPrivacy" TEXT NOT NULL DEFAULT 'everyone';
ALTER TABLE "User" ADD COLUMN "aboutPrivacy" TEXT NOT NULL DEFAULT 'everyone';
ALTER TABLE "User" ADD COLUMN "groupAddPrivacy" TEXT NOT NULL DEFAULT 'everyone';
ALTER TABLE "User" ADD COLUMN "readReceipts" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "User" ADD COLUMN "statusPrivacy" TEXT NOT NULL DEFAULT 'contacts';
ALTER TABLE "ConversationMember" ADD COLUMN "request" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Block_blockedId_idx" ON "Block"("blockedId");

-- CreateIndex
CREATE INDEX "Status_expiresAt_idx" ON "Status"("expiresAt");

-- CreateIndex
CREATE INDEX "Status_fileId_idx" ON "Status"("fileId") WHERE "fileId" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Status_userId_clientId_key" ON "Status"("userId", "clientId");

-- CreateIndex
CREATE INDEX "Report_resolvedAt_createdAt_idx" ON "Report"("resolvedAt", "createdAt");

