-- AlterTable
ALTER TABLE "ConversationMember" ADD COLUMN "clearedSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ConversationMember" ADD COLUMN "deleted" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ConversationMember" ADD COLUMN "markedUnread" BOOLEAN NOT NULL DEFAULT false;
