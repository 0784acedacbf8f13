-- CreateTable
CREATE TABLE "MessageMention" (
    "userId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "conversationId", "seq"),
    CONSTRAINT "MessageMention_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

