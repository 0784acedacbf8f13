-- CreateIndex
CREATE INDEX "ConversationMember_conversationId_leftSeq_deliveredSeq_idx" ON "ConversationMember"("conversationId", "leftSeq", "deliveredSeq");

-- CreateIndex
CREATE INDEX "ConversationMember_conversationId_leftSeq_readSeq_idx" ON "ConversationMember"("conversationId", "leftSeq", "readSeq");

