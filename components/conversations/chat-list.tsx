"use client";

import { useMemo } from "react";
import { pendingIn } from "@/lib/client/messaging-state";
import { sortedConversations } from "@/lib/client/selectors";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useMessaging } from "../chat/use-messaging";
import { ChatRow } from "./chat-row";

/** Whether a chat matches the search text (the peer's name or username). */
export function matchesQuery(c: ConversationSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  return c.peer.displayName.toLowerCase().includes(q) || c.peer.username.toLowerCase().includes(q);
}

/** The chats, newest activity first; with a query, only those whose peer matches. */
export function ChatList({
  me,
  activeId,
  query = "",
  onOpen,
}: {
  me: string;
  activeId: string | null;
  query?: string;
  onOpen: (conversationId: string) => void;
}) {
  const { conversations, pending, typing } = useMessaging();
  const sorted = useMemo(() => sortedConversations(conversations, pending), [conversations, pending]);
  const shown = query.trim() ? sorted.filter((c) => matchesQuery(c, query)) : sorted;
  if (shown.length === 0) return null;
  return (
    <ul aria-label="Chats" className="flex flex-col">
      {shown.map((c) => (
        <ChatRow
          key={c.id}
          conversation={c}
          me={me}
          pending={pendingIn(pending, c)}
          typing={typing[c.id]?.includes(c.peer.id) ?? false}
          active={c.id === activeId}
          onOpen={() => onOpen(c.id)}
        />
      ))}
    </ul>
  );
}
