"use client";

import type { ConversationSummary } from "@/lib/contracts/messaging";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { RejectedNotice } from "./rejected-notice";

/** The right pane for an open conversation: header, messages and the message box. */
export function ChatView({
  conversation,
  me,
  onBack,
  onContactInfo,
}: {
  conversation: ConversationSummary;
  me: string;
  onBack: () => void;
  onContactInfo: () => void;
}) {
  return (
    <section aria-label={`Chat with ${conversation.peer.displayName}`} className="flex h-full min-h-0 flex-col">
      <ChatHeader conversation={conversation} onBack={onBack} onContactInfo={onContactInfo} />
      <MessageList conversation={conversation} me={me} />
      <RejectedNotice conversationId={conversation.id} />
      <Composer key={conversation.id} conversationId={conversation.id} />
    </section>
  );
}
