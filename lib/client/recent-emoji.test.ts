import { describe, expect, it } from "vitest";
import { RECENT_EMOJI_MAX, recentEmoji, rememberEmoji, withRecent } from "./recent-emoji";

const memory = () => {
  const values = new Map<string, string>();
  return { getItem: (k: string) => values.get(k) ?? null, setItem: (k: string, v: string) => void values.set(k, v) };
};

describe("recent emoji", () => {
  it("puts the last one used first, once, and keeps a short list", () => {
    expect(withRecent(["😀", "👍"], "👍")).toEqual(["👍", "😀"]);
    const many = Array.from({ length: 30 }, (_, i) => String.fromCodePoint(0x1f600 + i));
    expect(many.reduce(withRecent, [] as string[])).toHaveLength(RECENT_EMOJI_MAX);
  });

  it("is kept in the browser's storage, and survives what isn't a list there", () => {
    const storage = memory();
    rememberEmoji("🎉", storage);
    rememberEmoji("👍", storage);
    expect(recentEmoji(storage)).toEqual(["👍", "🎉"]);
    storage.setItem("chatterbox-recent-emoji", "{not json");
    expect(recentEmoji(storage)).toEqual([]);
    storage.setItem("chatterbox-recent-emoji", JSON.stringify({ a: 1 }));
    expect(recentEmoji(storage)).toEqual([]);
  });
});
