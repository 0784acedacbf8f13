-- AlterTable
ALTER TABLE "User" ADD COLUMN "linkPreviews" BOOLEAN NOT NULL DEFAULT true;
