"use client";

import { useContext, useSyncExternalStore } from "react";
import type { VerificationState } from "@/lib/client/e2ee/verification";
import type { MessagingEngine } from "@/lib/client/messaging-engine";
import type { MessagingState } from "@/lib/client/messaging-state";
import { MessagingContext } from "./messaging-provider";

/** The engine, for actions (open, send, load older, typing). */
export function useMessagingEngine(): MessagingEngine {
  const engine = useContext(MessagingContext);
  if (!engine) throw new Error("useMessagingEngine needs a MessagingProvider above it");
  return engine;
}

/**
 * A slice of the messaging state, re-rendering only when it changes (compared with Object.is): a typing
 * event re-renders what shows typing, not every component that reads the state. `select` must return a
 * part of the state (its objects are immutable: an unchanged part keeps its identity) or a value computed
 * from it that compares by value (a string, number or boolean), never a new object or array.
 */
export function useMessaging<T>(select: (state: MessagingState) => T): T {
  const { store } = useMessagingEngine();
  const snapshot = () => select(store.getState());
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}

/** What this device remembers of people's devices and verifications; re-renders when it changes. */
export function useVerification(): VerificationState {
  const { verification } = useMessagingEngine();
  return useSyncExternalStore(verification.subscribe, verification.getState, verification.getState);
}
