// The emojis I used last (the picker's "Recent" row and the reaction picker's), newest first, kept in this
// browser. An emoji is not a secret, but which ones a person uses is theirs: it never leaves the device.

export const RECENT_EMOJI_MAX = 16;
const KEY = "chatterbox-recent-emoji";

/** The list with `emoji` first (once), at most RECENT_EMOJI_MAX long. */
export const withRecent = (recent: readonly string[], emoji: string): string[] =>
  [emoji, ...recent.filter((e) => e !== emoji)].slice(0, RECENT_EMOJI_MAX);

export function recentEmoji(storage: Pick<Storage, "getItem"> = localStorage): string[] {
  try {
    const stored: unknown = JSON.parse(storage.getItem(KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((e): e is string => typeof e === "string").slice(0, RECENT_EMOJI_MAX) : [];
  } catch {
    return [];
  }
}

export function rememberEmoji(emoji: string, storage: Pick<Storage, "getItem" | "setItem"> = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(withRecent(recentEmoji(storage), emoji)));
  } catch {
    // Storage full or refused (a private window): the row just doesn't remember.
  }
}
