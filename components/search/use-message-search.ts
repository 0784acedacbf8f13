"use client";

import { useEffect, useState } from "react";
import { type SearchFilter, searchTerms } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { useMessagingEngine } from "../chat/use-messaging";

const DEBOUNCE_MS = 250;

export type SearchState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "done"; messages: ChatMessage[] };

/** Searches messages as the words change (after a short pause); a filter or sender alone searches too. */
export function useMessageSearch(
  q: string,
  scope: { conversationId?: string; senderId?: string; filter?: SearchFilter } = {},
): SearchState {
  const engine = useMessagingEngine();
  const [state, setState] = useState<SearchState>({ status: "idle" });
  const { conversationId, senderId, filter } = scope;
  useEffect(() => {
    if (!searchTerms(q).length && !filter && !senderId) return setState({ status: "idle" });
    let stale = false;
    setState({ status: "loading" });
    const timer = setTimeout(() => {
      engine
        .search({ q, conversationId, senderId, filter })
        .then((r) => !stale && setState({ status: "done", messages: r.messages }))
        .catch((e: Error) => !stale && setState({ status: "error", message: e.message }));
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [engine, q, conversationId, senderId, filter]);
  return state;
}
