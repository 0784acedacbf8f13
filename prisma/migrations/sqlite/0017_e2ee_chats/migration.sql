-- AlterTable (an added column needs no copy of the table, whatever prisma migrate diff proposes)
ALTER TABLE "Conversation" ADD COLUMN "encrypted" BOOLEAN NOT NULL DEFAULT false;
