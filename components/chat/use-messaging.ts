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

/** The current messaging state; re-renders when it changes. */
export function useMessaging(): MessagingState {
  const { store } = useMessagingEngine();
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

/** What this device remembers of people's devices and verifications; re-renders when it changes. */
export function useVerification(): VerificationState {
  const { verification } = useMessagingEngine();
  return useSyncExternalStore(verification.subscribe, verification.getState, verification.getState);
}
