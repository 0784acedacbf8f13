"use client";

import { useEffect, useMemo } from "react";
import { useTranslations } from "use-intl";
import { chatTitle } from "@/lib/client/group-view";
import { pendingIn } from "@/lib/client/messaging-state";
import { type ChatFilter, filterChats, listedConversations, sortedConversations } from "@/lib/client/selectors";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useMessaging, useMessagingEngine } from "../chat/use-messaging";
import { useToast } from "../ui/toast";
import { useChatMenu } from "./chat-menu";
import { ChatRow } from "./chat-row";

/** Whether a chat matches the search text (the group's name, or the peer's name or username). */
export function matchesQuery(c: ConversationSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  return chatTitle(c).toLowerCase().includes(q) || (c.peer?.username.toLowerCase().includes(q) ?? false);
}

/** The chats, newest activity first; with a query, only those that match. */
export function ChatList({
  me,
  myName,
  activeId,
  query = "",
  archived = false,
  filter = "all",
  onOpen,
  onInfo,
  onClose,
}: {
  me: string;
  /** How my own @mentions show in previews. */
  myName: { username: string; displayName: string };
  activeId: string | null;
  /** Only the chats that match (archived ones too). */
  query?: string;
  /** The archived chats instead of the others. */
  archived?: boolean;
  /** Only unread chats, or only groups. */
  filter?: ChatFilter;
  onOpen: (conversationId: string) => void;
  /** Opens the chat with its contact or group info beside it. */
  onInfo: (conversationId: string) => void;
  /** Closes the open chat. */
  onClose: () => void;
}) {
  const conversations = useMessaging((s) => s.conversations);
  const pending = useMessaging((s) => s.pending);
  const typing = useMessaging((s) => s.typing);
  const users = useMessaging((s) => s.users);
  const engine = useMessagingEngine();
  const listed = useMemo(() => listedConversations(conversations, pending, archived), [conversations, pending, archived]);
  const sorted = useMemo(() => sortedConversations(conversations, pending), [conversations, pending]);
  const shown = query.trim() ? sorted.filter((c) => matchesQuery(c, query)) : filterChats(listed, filter);

  // Group rows name the sender of the last message ("Ana: see you"): look up the ones not known yet.
  const senders = useMemo(
    () =>
      Object.values(conversations).flatMap((c) =>
        c.kind === "group" && c.lastMessage && c.lastMessage.type !== "system" && c.lastMessage.senderId !== me
          ? [c.lastMessage.senderId]
          : [],
      ),
    [conversations, me],
  );
  useEffect(() => engine.groups.resolveUsers(senders), [engine, senders]);

  const t = useTranslations("chatList");
  const [toast, notify] = useToast();
  const actions = useChatMenu(notify);
  return (
    <>
      {shown.length > 0 && (
        <ul aria-label={t("chats")} className="flex flex-col">
          {shown.map((c) => (
            <ChatRow
              key={c.id}
              conversation={c}
              me={me}
              myName={myName}
              users={users}
              pending={pendingIn(pending, c)}
              typing={typing[c.id] ?? []}
              active={c.id === activeId}
              onOpen={() => onOpen(c.id)}
              menu={actions.itemsFor(c, { onInfo: () => onInfo(c.id), onClose: c.id === activeId ? onClose : undefined })}
            />
          ))}
        </ul>
      )}
      {actions.dialogs}
      {toast}
    </>
  );
}
