-- CreateTable
CREATE TABLE "KeyBackup" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "algorithm" TEXT NOT NULL,
    "authData" TEXT NOT NULL,
    "etag" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KeyBackup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BackedUpRoomKey" (
    "userId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "firstMessageIndex" INTEGER NOT NULL,
    "forwardedCount" INTEGER NOT NULL,
    "verified" BOOLEAN NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("userId", "conversationId", "sessionId"),
    CONSTRAINT "BackedUpRoomKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "KeyBackup" ("userId") ON DELETE CASCADE ON UPDATE CASCADE
);

