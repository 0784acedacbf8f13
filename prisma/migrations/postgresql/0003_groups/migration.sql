-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "inviteCode" TEXT,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "onlyAdminsEdit" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "onlyAdminsSend" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ConversationMember" ADD COLUMN     "joinedSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leftSeq" INTEGER,
ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'member';

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'text';

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_inviteCode_key" ON "Conversation"("inviteCode");

