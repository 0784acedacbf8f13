-- Privacy settings, blocking, message requests, status updates and reports. Edited by hand: only
-- statuses that carry a file are indexed by it.
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "aboutPrivacy" TEXT NOT NULL DEFAULT 'everyone',
ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "groupAddPrivacy" TEXT NOT NULL DEFAULT 'everyone',
ADD COLUMN     "lastSeenPrivacy" TEXT NOT NULL DEFAULT 'everyone',
ADD COLUMN     "photoPrivacy" TEXT NOT NULL DEFAULT 'everyone',
ADD COLUMN     "readReceipts" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "statusPrivacy" TEXT NOT NULL DEFAULT 'contacts';

-- AlterTable
ALTER TABLE "ConversationMember" ADD COLUMN     "request" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Block" (
    "userId" TEXT NOT NULL,
    "blockedId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Block_pkey" PRIMARY KEY ("userId","blockedId")
);

-- CreateTable
CREATE TABLE "StatusAudience" (
    "userId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,

    CONSTRAINT "StatusAudience_pkey" PRIMARY KEY ("userId","list","memberId")
);

-- CreateTable
CREATE TABLE "Status" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "background" TEXT,
    "font" TEXT,
    "fileId" TEXT,
    "attachment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusView" (
    "statusId" TEXT NOT NULL,
    "viewerId" TEXT NOT NULL,
    "viewedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusView_pkey" PRIMARY KEY ("statusId","viewerId")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "targetUserId" TEXT,
    "conversationId" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "messages" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Block" ADD CONSTRAINT "Block_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusAudience" ADD CONSTRAINT "StatusAudience_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Status" ADD CONSTRAINT "Status_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusView" ADD CONSTRAINT "StatusView_statusId_fkey" FOREIGN KEY ("statusId") REFERENCES "Status"("id") ON DELETE CASCADE ON UPDATE CASCADE;

