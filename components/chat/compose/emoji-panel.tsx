"use client";

import {
  EmojiPicker,
  type EmojiPickerListCategoryHeaderProps,
  type EmojiPickerListEmojiProps,
  type EmojiPickerListRowProps,
} from "frimousse";
import { useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { recentEmoji, rememberEmoji } from "@/lib/client/recent-emoji";
import { EMOJI_LOCALES, emojiDataUrl } from "@/lib/shared/emoji-data";
import { Spinner } from "../../ui/spinner";

/**
 * The emoji picker (frimousse, with emoji names from this server): search, the emojis used last, skin tones,
 * every emoji by category. Escape or a click outside closes it. Loaded only when first opened (see
 * lazy-emoji-panel.tsx).
 */
export default function EmojiPanel({ label, onPick, onClose }: { label: string; onPick: (emoji: string) => void; onClose: () => void }) {
  const t = useTranslations("compose.emoji");
  const locale = useLocale();
  const root = useRef<HTMLDivElement>(null);
  const [recent, setRecent] = useState<string[]>([]);
  useEffect(() => setRecent(recentEmoji()), []);
  useEffect(() => {
    root.current?.querySelector("input")?.focus();
    const outside = (e: PointerEvent) => !root.current?.contains(e.target as Node) && onClose();
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [onClose]);
  const pick = (emoji: string) => {
    rememberEmoji(emoji);
    setRecent(recentEmoji());
    onPick(emoji);
  };
  return (
    <div
      ref={root}
      role="dialog"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.stopPropagation();
        onClose();
      }}
      className="flex h-[360px] w-[min(352px,calc(100vw-1.5rem))] flex-col overflow-hidden rounded-xl bg-panel shadow-xl ring-1 ring-black/10 dark:ring-white/10"
    >
      <EmojiPicker.Root
        emojibaseUrl={emojiDataUrl}
        locale={EMOJI_LOCALES[locale]}
        columns={9}
        onEmojiSelect={({ emoji }) => pick(emoji)}
        className="flex min-h-0 flex-1 flex-col"
      >
        <div className="flex items-center gap-2 px-3 pt-3 pb-2">
          <EmojiPicker.Search
            aria-label={t("search")}
            placeholder={t("search")}
            className="min-w-0 flex-1 rounded-lg bg-field px-3 py-1.5 text-sm text-ink outline-none placeholder:text-ink-muted focus-visible:ring-2 focus-visible:ring-brand"
          />
          <EmojiPicker.SkinToneSelector
            aria-label={t("skinTone")}
            title={t("skinTone")}
            className="flex size-8 items-center justify-center rounded-lg text-lg hover:bg-hover"
          />
        </div>
        {recent.length > 0 && (
          <div className="px-3 pb-1">
            <p className="pb-1 text-xs font-medium text-ink-muted">{t("recent")}</p>
            <fieldset aria-label={t("recentLabel")} className="m-0 flex flex-wrap border-0 p-0">
              {recent.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  aria-label={emoji}
                  onClick={() => pick(emoji)}
                  className="flex size-9 items-center justify-center rounded-lg text-[22px] hover:bg-hover"
                >
                  {emoji}
                </button>
              ))}
            </fieldset>
          </div>
        )}
        <EmojiPicker.Viewport className="relative min-h-0 flex-1 outline-none">
          <EmojiPicker.Loading className="absolute inset-0 flex items-center justify-center text-brand">
            <Spinner label={t("loading")} />
          </EmojiPicker.Loading>
          <EmojiPicker.Empty className="absolute inset-0 flex items-center justify-center text-sm text-ink-muted">
            {({ search }) => <>{t("noResults", { search })}</>}
          </EmojiPicker.Empty>
          <EmojiPicker.List className="select-none pb-2" components={LIST_PARTS} />
        </EmojiPicker.Viewport>
      </EmojiPicker.Root>
    </div>
  );
}

/** How the list's parts look: the category names, the rows, and each emoji (a grid cell frimousse names by its label). */
const LIST_PARTS = {
  CategoryHeader: ({ category, ...props }: EmojiPickerListCategoryHeaderProps) => (
    <div className="bg-panel px-3 pt-2 pb-1 text-xs font-medium text-ink-muted" {...props}>
      {category.label}
    </div>
  ),
  Row: ({ children, ...props }: EmojiPickerListRowProps) => (
    <div className="scroll-my-1 px-2" {...props}>
      {children}
    </div>
  ),
  Emoji: ({ emoji, ...props }: EmojiPickerListEmojiProps) => (
    <button
      type="button"
      aria-label={emoji.label}
      className="flex size-9 items-center justify-center rounded-lg text-[22px] data-[active]:bg-hover"
      {...props}
    >
      {emoji.emoji}
    </button>
  ),
};
