"use client";

import { Pin, PinOff } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { previewText } from "@/lib/shared/message-preview";
import { useMessaging, useMessagingEngine } from "../use-messaging";
import { useChatActions } from "./chat-actions";

/**
 * The chat's pinned messages (up to 3), under the header: one at a time, newest pin first. Clicking goes
 * to it and shows the next one, as in WhatsApp; the pin button unpins the one shown.
 */
export function PinnedBar({ conversation, canUnpin }: { conversation: ConversationSummary; canUnpin: boolean }) {
  const t = useTranslations("chatActions");
  const tPreview = useTranslations("system.preview");
  const engine = useMessagingEngine();
  const actions = useChatActions();
  const held = useMessaging((s) => s.messages[conversation.id]);
  const pins = [...conversation.pinned].reverse();
  const [index, setIndex] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: back to the newest pin whenever the pins change.
  useEffect(() => setIndex(0), [conversation.pinned.join(",")]);
  if (!pins.length) return null;
  const seq = pins[index % pins.length];
  const message = held?.find((m) => m.seq === seq);
  const text = message ? previewText(tPreview, message) : t("pinnedBar.fallback");
  return (
    <div className="flex shrink-0 items-center gap-3 border-b border-s border-line bg-panel px-4 py-1.5">
      <div aria-hidden className="flex h-9 flex-col gap-0.5">
        {pins.map((p, i) => (
          <span key={p} className={`w-[3px] flex-1 rounded-full ${i === index % pins.length ? "bg-brand" : "bg-line"}`} />
        ))}
      </div>
      <button
        type="button"
        aria-label={t("pinnedBar.goTo", { text })}
        onClick={() => {
          actions.reveal(seq);
          setIndex((i) => (i + 1) % pins.length);
        }}
        className="flex min-w-0 flex-1 items-center gap-2 text-start"
      >
        <Pin aria-hidden className="size-4 shrink-0 rotate-45 text-ink-muted" />
        <span className="truncate text-sm text-ink">{text}</span>
      </button>
      {canUnpin && (
        <button
          type="button"
          aria-label={t("unpin")}
          title={t("unpin")}
          onClick={() => void engine.pin({ conversationId: conversation.id, seq }, false).catch((e: Error) => actions.fail(e.message))}
          className="rounded-full p-1.5 text-ink-muted hover:bg-black/5 dark:hover:bg-white/10"
        >
          <PinOff aria-hidden className="size-4" />
        </button>
      )}
    </div>
  );
}
