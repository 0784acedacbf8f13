"use client";

import { createContext, useContext } from "react";
import type { ChatMessage } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";

/** What a message's menu, quote or labels can ask of the open chat. */
export interface ChatActions {
  reply(message: ChatMessage): void;
  edit(message: ChatMessage): void;
  forward(message: ChatMessage): void;
  /** Asks how to delete it (for me, or for everyone). */
  remove(message: ChatMessage): void;
  /** Copies its text to the clipboard. */
  copy(message: ChatMessage): void;
  /** Starts selecting messages, with this one chosen. */
  select(message: ChatMessage): void;
  /** Shows an edited message's earlier texts. */
  history(message: ChatMessage): void;
  info(seq: number): void;
  /** Opens "Verify security code" with a person of the chat (its other person, or a member of a group). */
  verify(user: PublicUser): void;
  /** Scrolls to a message, loading history down to it. */
  reveal(seq: number): void;
  /** Says why an action failed. */
  fail(reason: string): void;
}

const Context = createContext<ChatActions | null>(null);
export const ChatActionsProvider = Context.Provider;

export function useChatActions(): ChatActions {
  const actions = useContext(Context);
  if (!actions) throw new Error("useChatActions outside a chat");
  return actions;
}
