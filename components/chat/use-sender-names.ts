"use client";

import { useEffect, useMemo } from "react";
import { mentionable } from "@/lib/client/mentions";
import type { ChatMessage, ConversationSummary } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import type { Mentionable } from "@/lib/shared/mentions";
import { useMessaging, useMessagingEngine } from "./use-messaging";

export interface GroupView {
  /** Everyone known by id: the members, and senders looked up since (they may have left). */
  users: Record<string, PublicUser>;
  /** Lower-cased usernames of the members: "@name" of one of them is a mention. */
  mentionable: Mentionable;
}

/** In a group: who is who for the bubbles, with senders not known yet looked up once the group's info is in; null in a direct chat. */
export function useSenderNames(conversation: ConversationSummary, messages: ChatMessage[]): GroupView | null {
  const engine = useMessagingEngine();
  const isGroup = conversation.kind === "group";
  const info = useMessaging((s) => s.groups[conversation.id]);
  // Only a group's bubbles name their senders: a direct chat doesn't re-render for profiles coming in.
  const users = useMessaging((s) => (isGroup ? s.users : null));
  const mentions = useMemo(() => mentionable(info?.members), [info]);
  const senders = useMemo(() => (isGroup ? new Set(messages.map((m) => m.senderId)) : null), [isGroup, messages]);
  useEffect(() => {
    if (senders && info) engine.groups.resolveUsers(senders);
  }, [engine, senders, info]);
  return useMemo(() => (users ? { users, mentionable: mentions } : null), [users, mentions]);
}
