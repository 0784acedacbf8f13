"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import type { CallEngine, ShownCall } from "@/lib/client/calls/call-engine";
import type { Call } from "@/lib/contracts/calls";

/** The tab's call engine, provided by CallProvider. */
export const CallContext = createContext<CallEngine | null>(null);

/** The tab's call engine (null until the socket exists). */
export const useCallEngine = () => useContext(CallContext);

/** The call on this device, if any; re-renders as it changes. */
export function useShownCall(engine: CallEngine | null): ShownCall | null {
  return useSyncExternalStore(
    (listener) => engine?.subscribe(listener) ?? (() => {}),
    () => engine?.snapshot() ?? null,
    () => null,
  );
}

/** The call going on (or ringing) in this chat, if any; re-renders as it changes. */
export function useLiveCall(engine: CallEngine | null, conversationId: string): Call | null {
  return useSyncExternalStore(
    (listener) => engine?.subscribe(listener) ?? (() => {}),
    () => engine?.liveCalls()[conversationId] ?? null,
    () => null,
  );
}
