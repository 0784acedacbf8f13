// A stable color per group member for the sender names on incoming bubbles: the user id hashed (FNV-1a)
// into a palette of twelve WhatsApp-like colors, each with a light- and a dark-theme shade that keep at
// least 4.5:1 contrast on the bubble.
export const SENDER_COLORS: readonly { light: string; dark: string }[] = [
  { light: "#c2185b", dark: "#ff72a1" },
  { light: "#1f62c4", dark: "#53bdeb" },
  { light: "#b83e1b", dark: "#fc9775" },
  { light: "#00788a", dark: "#5fd4d4" },
  { light: "#6b44bc", dark: "#a791ff" },
  { light: "#007d5e", dark: "#06cf9c" },
  { light: "#8a5a32", dark: "#dba37b" },
  { light: "#a05e00", dark: "#ffbc38" },
  { light: "#c4213e", dark: "#ff6e84" },
  { light: "#4b55c4", dark: "#8b93ff" },
  { light: "#6b6b00", dark: "#d4cc3a" },
  { light: "#8e3aa8", dark: "#e08cf5" },
];

/** The palette index for a user: the same id always gets the same color, on every device. */
export function senderColorIndex(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SENDER_COLORS.length;
}

export function senderColor(userId: string): { light: string; dark: string } {
  return SENDER_COLORS[senderColorIndex(userId)];
}
