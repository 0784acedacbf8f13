-- AlterTable
ALTER TABLE "User" ALTER COLUMN "groupAddPrivacy" SET DEFAULT 'contacts';

-- AlterTable
ALTER TABLE "ConversationMember" ADD COLUMN     "accepted" BOOLEAN NOT NULL DEFAULT false;


-- Consent for the direct chats that exist: a member chose a chat when they sent a message in it, or when
-- they started it as a request to the other (only the starter of a request has it accepted). Other
-- non-request chats may have skipped the request because a group was shared, which is no longer consent:
-- they count again once the member replies, accepts or opens the chat from New chat.
UPDATE "ConversationMember" SET "accepted" = true
WHERE NOT "request"
  AND "conversationId" IN (SELECT "id" FROM "Conversation" WHERE "kind" = 'direct')
  AND (
    EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = "ConversationMember"."conversationId" AND m."senderId" = "ConversationMember"."userId" AND m."type" <> 'system')
    OR EXISTS (SELECT 1 FROM "ConversationMember" o WHERE o."conversationId" = "ConversationMember"."conversationId" AND o."userId" <> "ConversationMember"."userId" AND o."request")
  );
