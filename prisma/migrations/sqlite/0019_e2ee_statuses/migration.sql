-- AlterTable
ALTER TABLE "Status" ADD COLUMN "encrypted" TEXT;

