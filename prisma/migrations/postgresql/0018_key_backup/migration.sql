-- CreateTable
CREATE TABLE "KeyBackup" (
    "userId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "algorithm" TEXT NOT NULL,
    "authData" TEXT NOT NULL,
    "etag" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyBackup_pkey" PRIMARY KEY ("userId")
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

    CONSTRAINT "BackedUpRoomKey_pkey" PRIMARY KEY ("userId","conversationId","sessionId")
);

-- AddForeignKey
ALTER TABLE "KeyBackup" ADD CONSTRAINT "KeyBackup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackedUpRoomKey" ADD CONSTRAINT "BackedUpRoomKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "KeyBackup"("userId") ON DELETE CASCADE ON UPDATE CASCADE;

