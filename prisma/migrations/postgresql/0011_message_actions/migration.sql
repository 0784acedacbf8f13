-- Message actions: replies, forwards, edits (with history), reactions, deletions, stars, pins, chat
-- settings, disappearing messages and full-text search. Written by hand: the indexes are partial.
ALTER TABLE "Conversation" ADD COLUMN "changeSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "pinnedSeqs" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN "disappearAfter" INTEGER;

ALTER TABLE "ConversationMember" ADD COLUMN "pinnedAt" TIMESTAMP(3),
ADD COLUMN "archived" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "mutedUntil" TIMESTAMP(3),
ADD COLUMN "flagSeq" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Message" ADD COLUMN "replyToSeq" INTEGER,
ADD COLUMN "forwards" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "editedAt" TIMESTAMP(3),
ADD COLUMN "reactions" TEXT,
ADD COLUMN "changedSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "expiresAt" TIMESTAMP(3);

-- Only changed messages and disappearing ones are indexed: a plain send costs no extra index write.
CREATE INDEX "Message_conversationId_changedSeq_idx" ON "Message"("conversationId", "changedSeq") WHERE "changedSeq" > 0;
CREATE INDEX "Message_expiresAt_idx" ON "Message"("expiresAt") WHERE "expiresAt" IS NOT NULL;

CREATE TABLE "MessageEdit" (
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "editedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MessageEdit_pkey" PRIMARY KEY ("conversationId","seq","version")
);

CREATE TABLE "MessageFlag" (
    "userId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "starredAt" TIMESTAMP(3),
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "flagSeq" INTEGER NOT NULL,

    CONSTRAINT "MessageFlag_pkey" PRIMARY KEY ("userId","conversationId","seq")
);
CREATE INDEX "MessageFlag_userId_conversationId_flagSeq_idx" ON "MessageFlag"("userId", "conversationId", "flagSeq");
CREATE INDEX "MessageFlag_userId_starredAt_idx" ON "MessageFlag"("userId", "starredAt") WHERE "starredAt" IS NOT NULL;

ALTER TABLE "MessageEdit" ADD CONSTRAINT "MessageEdit_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MessageFlag" ADD CONSTRAINT "MessageFlag_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search: a GIN index over the words of messages people wrote (system messages and deleted
-- ones, whose text is empty, are left out). Punctuation becomes spaces first, so a link or an address is
-- words like any other (as in SQLite's tokenizer), and the 'simple' configuration lower-cases without
-- stemming, so every language is searched alike. Queries must use this very expression and predicate.
CREATE INDEX "Message_search_idx" ON "Message" USING GIN (to_tsvector('simple', regexp_replace("text", '[[:punct:]]+', ' ', 'g'))) WHERE "type" <> 'system' AND "text" <> '';
