// Whether the person is looking at this tab: drives read receipts and presence pings.
export interface Activity {
  /** The tab is visible. */
  visible(): boolean;
  /** Visible and focused: what the tab shows is being seen. */
  attentive(): boolean;
  /** Calls `onChange` when visibility or focus changes; returns the function that stops it. */
  subscribe(onChange: () => void): () => void;
}

export function browserActivity(): Activity {
  return {
    visible: () => document.visibilityState === "visible",
    attentive: () => document.visibilityState === "visible" && document.hasFocus(),
    subscribe(onChange) {
      document.addEventListener("visibilitychange", onChange);
      window.addEventListener("focus", onChange);
      window.addEventListener("blur", onChange);
      return () => {
        document.removeEventListener("visibilitychange", onChange);
        window.removeEventListener("focus", onChange);
        window.removeEventListener("blur", onChange);
      };
    },
  };
}

/** A random UUID v4, also where crypto.randomUUID is missing (pages served over plain http on a LAN address). */
export function newClientId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
