-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "callerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "endReason" TEXT,
    "createdAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    "endedAt" DATETIME,
    CONSTRAINT "Call_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CallParticipant" (
    "callId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "sessionId" TEXT,
    "joinedAt" DATETIME,
    "leftAt" DATETIME,
    "seenAt" DATETIME,

    PRIMARY KEY ("callId", "userId"),
    CONSTRAINT "CallParticipant_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CallParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (an added column needs no copy of the table, whatever prisma migrate diff proposes)
ALTER TABLE "User" ADD COLUMN "silenceUnknownCallers" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Call_conversationId_createdAt_idx" ON "Call"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "Call_state_createdAt_idx" ON "Call"("state", "createdAt");

-- CreateIndex
CREATE INDEX "CallParticipant_userId_callId_idx" ON "CallParticipant"("userId", "callId");


-- One call at a time per chat: two people calling each other at the same moment get one call (the
-- second insert does nothing, and its caller is told to join). Partial, so prisma migrate diff ignores it.
CREATE UNIQUE INDEX "Call_live_conversation_key" ON "Call"("conversationId") WHERE "state" <> 'ended';
