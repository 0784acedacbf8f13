-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "avatarKey" TEXT;

-- CreateTable
CREATE TABLE "GroupAvatar" (
    "conversationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupAvatar_pkey" PRIMARY KEY ("conversationId","key")
);

-- AddForeignKey
ALTER TABLE "GroupAvatar" ADD CONSTRAINT "GroupAvatar_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

