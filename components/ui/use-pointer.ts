"use client";

import { useSyncExternalStore } from "react";

const COARSE = "(pointer: coarse)";

/**
 * "touch" on a touch screen, "mouse" otherwise: hints say "Tap to verify" or "Click to verify" by it (the
 * catalogs choose the word: `{pointer, select, touch {Tap} other {Click}}`).
 */
export function usePointer(): "touch" | "mouse" {
  const coarse = useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(COARSE);
      query.addEventListener("change", changed);
      return () => query.removeEventListener("change", changed);
    },
    () => window.matchMedia(COARSE).matches,
    () => false,
  );
  return coarse ? "touch" : "mouse";
}
