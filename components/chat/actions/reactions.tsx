"use client";

import { Plus } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslations } from "use-intl";
import { usePointer } from "@/components/ui/use-pointer";
import type { Reaction } from "@/lib/contracts/messaging";
import { LazyEmojiPanel } from "../compose/lazy-emoji-panel";

/** The emojis offered at a click, as in WhatsApp. */
export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

/** A row of emojis to react with; mine is marked, and choosing it again takes it back. Escape or a click outside closes it. */
export function ReactionPicker({
  mine,
  onPick,
  onClose,
  alignRight,
}: {
  mine: string | null;
  onPick: (emoji: string | null) => void;
  onClose: () => void;
  alignRight: boolean;
}) {
  const t = useTranslations("chatActions.reactions");
  const root = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    root.current?.querySelector("button")?.focus();
    const outside = (e: PointerEvent) => !root.current?.contains(e.target as Node) && onClose();
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [onClose]);
  // Every emoji: over the whole app (a portal: the message rows are moved by transforms, which would hold
  // a fixed element), wherever the message is, since a bubble near the top leaves no room above it.
  if (more)
    return createPortal(
      <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/20">
        <div ref={root}>
          <LazyEmojiPanel label={t("anyEmoji")} onPick={(emoji) => onPick(emoji === mine ? null : emoji)} onClose={onClose} />
        </div>
      </div>,
      document.body,
    );
  return (
    <div
      ref={root}
      role="dialog"
      aria-label={t("picker")}
      onKeyDown={(e) => e.key === "Escape" && onClose()}
      className={`absolute -top-12 z-20 flex gap-1 rounded-full bg-panel px-2 py-1.5 shadow-lg ring-1 ring-black/5 ${alignRight ? "end-0" : "start-0"}`}
    >
      {QUICK_REACTIONS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          aria-label={mine === emoji ? t("remove", { emoji }) : t("reactWith", { emoji })}
          aria-pressed={mine === emoji}
          onClick={() => onPick(mine === emoji ? null : emoji)}
          className={`flex size-9 items-center justify-center rounded-full text-[22px] transition-transform hover:scale-125 focus:scale-125 focus:outline-none ${mine === emoji ? "bg-black/10 dark:bg-white/15" : ""}`}
        >
          {emoji}
        </button>
      ))}
      <button
        type="button"
        aria-label={t("more")}
        title={t("more")}
        onClick={() => setMore(true)}
        className="flex size-9 items-center justify-center rounded-full bg-black/5 text-ink-muted hover:bg-black/10 dark:bg-white/10 dark:hover:bg-white/15"
      >
        <Plus aria-hidden className="size-5" />
      </button>
    </div>
  );
}

/**
 * The reactions under a bubble: the emojis used and how many people reacted. Clicking shows who reacted
 * with what; my own entry there takes mine back.
 */
export function ReactionSummary({
  reactions,
  me,
  nameOf,
  onRemove,
  alignRight,
}: {
  reactions: Reaction[];
  me: string;
  nameOf: (userId: string) => string;
  onRemove: () => void;
  alignRight: boolean;
}) {
  const t = useTranslations("chatActions.reactions");
  const pointer = usePointer();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);
  const total = reactions.reduce((n, r) => n + r.userIds.length, 0);
  const label = t("summary", { list: reactions.map((r) => `${r.emoji} ${r.userIds.length}`).join(", ") });
  return (
    <div ref={root} className={`relative -mt-1.5 flex ${alignRight ? "justify-end pe-2" : "ps-2"}`}>
      <button
        type="button"
        aria-label={label}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="relative z-[1] flex items-center gap-0.5 rounded-full bg-panel px-1.5 py-0.5 text-[14px] leading-5 shadow-sm ring-1 ring-black/5 dark:bg-[#202c33] dark:ring-white/10"
      >
        {reactions.slice(0, 3).map((r) => (
          <span key={r.emoji} aria-hidden>
            {r.emoji}
          </span>
        ))}
        {total > 1 && (
          <span aria-hidden className="ps-0.5 text-xs text-ink-muted">
            {total}
          </span>
        )}
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={t("whoReacted")}
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
          className={`absolute top-7 z-20 w-56 rounded-lg bg-panel py-2 shadow-xl ring-1 ring-black/5 ${alignRight ? "end-2" : "start-2"}`}
        >
          <ul>
            {reactions.flatMap((r) =>
              r.userIds.map((userId) => (
                <li key={`${r.emoji}${userId}`} className="flex items-center gap-3 px-4 py-1.5 text-sm">
                  <span className="min-w-0 flex-1 truncate text-ink">
                    {userId === me ? t("you") : nameOf(userId)}
                    {userId === me && (
                      <button
                        type="button"
                        onClick={() => {
                          setOpen(false);
                          onRemove();
                        }}
                        className="block text-xs text-ink-muted hover:underline"
                      >
                        {t("tapToRemove", { pointer })}
                      </button>
                    )}
                  </span>
                  <span className="text-lg" role="img" aria-label={t("reacted", { emoji: r.emoji })}>
                    {r.emoji}
                  </span>
                </li>
              )),
            )}
          </ul>
        </div>
      )}
    </div>
  );
}
