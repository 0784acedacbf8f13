"use client";

import { useSyncExternalStore } from "react";

const COARSE = "(pointer: coarse)";

/** "Tap" on a touch screen, "Click" with a mouse: the word a hint like "Tap to verify" starts with. */
export function useTapWord(): "Tap" | "Click" {
  const coarse = useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(COARSE);
      query.addEventListener("change", changed);
      return () => query.removeEventListener("change", changed);
    },
    () => window.matchMedia(COARSE).matches,
    () => false,
  );
  return coarse ? "Tap" : "Click";
}
