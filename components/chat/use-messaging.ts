"use client";

import { useContext, useSyncExternalStore } from "react";
import type { MessagingEngine } from "@/lib/client/messaging-engine";
import type { MessagingState } from "@/lib/client/messaging-state";
import { MessagingContext } from "./messaging-provider";

/** The engine, for actions (open, send, load older, typing). */
export function useMessagingEngine(): MessagingEngine {
  const engine = useContext(MessagingContext);
  if (!engine) throw new Error("useMessagingEngine needs a MessagingProvider above it");
  return engine;
}

/** The current messaging state; re-renders when it changes. */
export function useMessaging(): MessagingState {
  const { store } = useMessagingEngine();
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
