-- AlterTable
ALTER TABLE "ConversationMember" ADD COLUMN     "clearedSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "deleted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "markedUnread" BOOLEAN NOT NULL DEFAULT false;

