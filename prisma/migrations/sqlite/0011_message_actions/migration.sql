-- Message actions: replies, forwards, edits (with history), reactions, deletions, stars, pins, chat
-- settings, disappearing messages and full-text search. Written by hand: ADD COLUMN keeps every row in
-- place (the generated script copied whole tables) and the indexes are partial.
ALTER TABLE "Conversation" ADD COLUMN "changeSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Conversation" ADD COLUMN "pinnedSeqs" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Conversation" ADD COLUMN "disappearAfter" INTEGER;

ALTER TABLE "ConversationMember" ADD COLUMN "pinnedAt" DATETIME;
ALTER TABLE "ConversationMember" ADD COLUMN "archived" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ConversationMember" ADD COLUMN "mutedUntil" DATETIME;
ALTER TABLE "ConversationMember" ADD COLUMN "flagSeq" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Message" ADD COLUMN "replyToSeq" INTEGER;
ALTER TABLE "Message" ADD COLUMN "forwards" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Message" ADD COLUMN "editedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "reactions" TEXT;
ALTER TABLE "Message" ADD COLUMN "changedSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Message" ADD COLUMN "expiresAt" DATETIME;

-- Only changed messages and disappearing ones are indexed: a plain send costs no extra index write.
CREATE INDEX "Message_conversationId_changedSeq_idx" ON "Message"("conversationId", "changedSeq") WHERE "changedSeq" > 0;
CREATE INDEX "Message_expiresAt_idx" ON "Message"("expiresAt") WHERE "expiresAt" IS NOT NULL;

CREATE TABLE "MessageEdit" (
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "editedAt" DATETIME NOT NULL,

    PRIMARY KEY ("conversationId", "seq", "version"),
    CONSTRAINT "MessageEdit_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "MessageFlag" (
    "userId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "starredAt" DATETIME,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "flagSeq" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "conversationId", "seq"),
    CONSTRAINT "MessageFlag_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "MessageFlag_userId_conversationId_flagSeq_idx" ON "MessageFlag"("userId", "conversationId", "flagSeq");
CREATE INDEX "MessageFlag_userId_starredAt_idx" ON "MessageFlag"("userId", "starredAt") WHERE "starredAt" IS NOT NULL;

-- Full-text search: an FTS5 index over the text of messages people wrote (system messages and deleted
-- ones, whose text is empty, are left out), kept by triggers. External content: the text is stored once,
-- in "Message"; the index refers to its rows by rowid.
CREATE VIRTUAL TABLE "MessageSearch" USING fts5("text", content='Message', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
INSERT INTO "MessageSearch"(rowid, "text") SELECT rowid, "text" FROM "Message" WHERE "type" <> 'system' AND "text" <> '';
CREATE TRIGGER "Message_search_insert" AFTER INSERT ON "Message" WHEN new."type" <> 'system' AND new."text" <> '' BEGIN
  INSERT INTO "MessageSearch"(rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "Message_search_delete" AFTER DELETE ON "Message" WHEN old."type" <> 'system' AND old."text" <> '' BEGIN
  INSERT INTO "MessageSearch"("MessageSearch", rowid, "text") VALUES ('delete', old.rowid, old."text");
END;
CREATE TRIGGER "Message_search_update" AFTER UPDATE OF "text", "type" ON "Message" BEGIN
  INSERT INTO "MessageSearch"("MessageSearch", rowid, "text") SELECT 'delete', old.rowid, old."text" WHERE old."type" <> 'system' AND old."text" <> '';
  INSERT INTO "MessageSearch"(rowid, "text") SELECT new.rowid, new."text" WHERE new."type" <> 'system' AND new."text" <> '';
END;
