-- AlterTable
ALTER TABLE "MediaBlob" ADD COLUMN     "pageCount" INTEGER;

