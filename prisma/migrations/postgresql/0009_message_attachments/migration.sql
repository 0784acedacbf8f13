-- Messages get a type (text, image, ..., system), the upload a file message carries and its details.
-- Written by hand: a rename keeps every existing message's kind (the generated script dropped it).
ALTER TABLE "Message" RENAME COLUMN "kind" TO "type";
ALTER TABLE "Message" ADD COLUMN "fileId" TEXT;
ALTER TABLE "Message" ADD COLUMN "attachment" TEXT;

-- Only file messages are indexed: text messages (nearly all) cost no index write.
CREATE INDEX "Message_fileId_idx" ON "Message"("fileId") WHERE "fileId" IS NOT NULL;
