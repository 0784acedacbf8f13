-- AlterTable
ALTER TABLE "User" ADD COLUMN     "relayCalls" BOOLEAN NOT NULL DEFAULT false;

