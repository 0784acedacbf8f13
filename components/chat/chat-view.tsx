"use client";

import { Lock } from "lucide-react";
import { useEffect } from "react";
import { chatTitle, sendBlock } from "@/lib/client/group-view";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { RejectedNotice } from "./rejected-notice";
import { useMessagingEngine } from "./use-messaging";

/** The right pane for an open conversation: header, messages and the message box (or why I can't send). */
export function ChatView({
  conversation,
  me,
  onBack,
  onInfo,
  onMessageInfo,
}: {
  conversation: ConversationSummary;
  me: string;
  onBack: () => void;
  onInfo: () => void;
  onMessageInfo: (seq: number) => void;
}) {
  const engine = useMessagingEngine();
  const { id, kind } = conversation;
  const blocked = sendBlock(conversation.group);

  // A group's members (names, roles, mentions) come with its info, fetched when it is opened.
  useEffect(() => {
    if (kind === "group") engine.groups.load(id).catch(() => {});
  }, [engine, id, kind]);

  const title = chatTitle(conversation);
  return (
    <section aria-label={kind === "group" ? `Group chat ${title}` : `Chat with ${title}`} className="flex h-full min-h-0 flex-col">
      <ChatHeader conversation={conversation} me={me} onBack={onBack} onInfo={onInfo} />
      <MessageList conversation={conversation} me={me} onMessageInfo={onMessageInfo} />
      <RejectedNotice conversationId={id} />
      {blocked ? (
        <p className="flex min-h-[58px] shrink-0 items-center justify-center gap-2 border-l border-line bg-panel-header px-4 py-3 text-center text-sm text-ink-muted">
          <Lock aria-hidden className="size-4 shrink-0" />
          {blocked}
        </p>
      ) : (
        <Composer key={id} conversationId={id} />
      )}
    </section>
  );
}
