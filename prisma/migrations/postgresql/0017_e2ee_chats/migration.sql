-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "encrypted" BOOLEAN NOT NULL DEFAULT false;

