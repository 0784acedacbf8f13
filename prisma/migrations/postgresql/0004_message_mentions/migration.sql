-- CreateTable
CREATE TABLE "MessageMention" (
    "userId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,

    CONSTRAINT "MessageMention_pkey" PRIMARY KEY ("userId","conversationId","seq")
);

-- AddForeignKey
ALTER TABLE "MessageMention" ADD CONSTRAINT "MessageMention_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

