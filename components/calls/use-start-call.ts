import { useCallEngine } from "./use-calls";

/**
 * Starts a call through the tab's call engine (the call window then shows it, and why it couldn't start:
 * no microphone, a person who is busy...).
 */
export function useStartCall(): (conversationId: string, kind: "voice" | "video") => void {
  const engine = useCallEngine();
  return (conversationId, kind) => void engine?.call(conversationId, kind).catch(() => {});
}
